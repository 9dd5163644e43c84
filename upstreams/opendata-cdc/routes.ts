import type { OperatorPlugin } from '../operators.js';

/** Routes of the opendata-cdc simulator (paths as the real API, below the /opendata-cdc prefix). */
export const opendataCdcRoutes: OperatorPlugin = () => {};
