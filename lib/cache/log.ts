import { createLogger } from '../logging/index.js';

export const log = createLogger('lib.cache');
