import type { OperatorPlugin } from '../operators.js';

/** Routes of the identity simulator (paths as the real API, below the /identity prefix). */
export const identityRoutes: OperatorPlugin = () => {};
