import type { OperatorPlugin } from '../operators.js';

/** Routes of the anotea simulator (paths as the real API, below the /anotea prefix). */
export const anoteaRoutes: OperatorPlugin = () => {};
