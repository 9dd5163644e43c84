import type { OperatorPlugin } from '../operators.js';
import { registerStatutRoutes } from './statut.routes.js';

/** API Particulier v3 (particulier.api.gouv.fr), the France Travail status only; contract in README.md. */
export const apiParticulierRoutes: OperatorPlugin = (app, context) => {
  registerStatutRoutes(app, context.world);
};
