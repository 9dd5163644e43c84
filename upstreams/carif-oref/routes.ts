import type { OperatorPlugin } from '../operators.js';

/** Routes of the carif-oref simulator (paths as the real API, below the /carif-oref prefix). */
export const carifOrefRoutes: OperatorPlugin = () => {};
