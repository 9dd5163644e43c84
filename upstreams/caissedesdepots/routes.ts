import type { OperatorPlugin } from '../operators.js';

/** Routes of the caissedesdepots simulator (paths as the real API, below the /caissedesdepots prefix). */
export const caissedesdepotsRoutes: OperatorPlugin = () => {};
