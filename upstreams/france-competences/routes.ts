import type { OperatorPlugin } from '../operators.js';

/** Routes of the france-competences simulator (paths as the real API, below the /france-competences prefix). */
export const franceCompetencesRoutes: OperatorPlugin = () => {};
