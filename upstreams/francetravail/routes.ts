import type { OperatorPlugin } from '../operators.js';
import { simulatorToday } from './clock.js';
import { createGuard } from './guard.js';
import { registerLbbRoutes } from './lbb.routes.js';
import { DEV_CLIENTS, registerTokenRoute, type TokenStore } from './oauth.js';
import { buildOffers } from './offers.data.js';
import { registerOfferRoutes } from './offers.routes.js';
import { registerOutcomeRoutes } from './outcomes.routes.js';
import { createRateLimiter } from './rate-limit.js';
import { buildRomeMetiers } from './rome.data.js';
import { registerRomeOpenDataRoutes } from './rome-opendata.routes.js';
import { registerRomeRoutes } from './rome.routes.js';

/**
 * Routes of the France Travail simulator, below the /francetravail prefix with the real hosts'
 * paths (`/connexion/oauth2/…` of entreprise.francetravail.fr, `/partenaire/…` of api.francetravail.io).
 * See README.md for the choices made where the public record is silent.
 */
export const francetravailRoutes: OperatorPlugin = (app, context) => {
  const today = simulatorToday();
  const now = () => Date.now();
  const store: TokenStore = { tokens: new Map(), now };
  const guard = createGuard(store, createRateLimiter(now, (clientId) => DEV_CLIENTS[clientId]?.ratePerSecond ?? 10));
  const metiers = buildRomeMetiers(context.world);
  registerTokenRoute(app, store);
  registerOfferRoutes(app, buildOffers(context.world, metiers, today), context.world.refs, today, guard);
  registerRomeRoutes(app, metiers, guard);
  registerRomeOpenDataRoutes(app, metiers);
  registerLbbRoutes(app, context.world, guard);
  registerOutcomeRoutes(app, context.world, today, guard);
};
