import type { OperatorPlugin } from '../operators.js';

/** Routes of the francetravail simulator (paths as the real API, below the /francetravail prefix). */
export const francetravailRoutes: OperatorPlugin = () => {};
