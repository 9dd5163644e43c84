import type { FastifyInstance } from 'fastify';
import type { OperatorContext } from './server.js';
import { anoteaRoutes } from './anotea/routes.js';
import { apiParticulierRoutes } from './api-particulier/routes.js';
import { caissedesdepotsRoutes } from './caissedesdepots/routes.js';
import { carifOrefRoutes } from './carif-oref/routes.js';
import { franceCompetencesRoutes } from './france-competences/routes.js';
import { francetravailRoutes } from './francetravail/routes.js';
import { identityRoutes } from './identity/routes.js';
import { opendataCdcRoutes } from './opendata-cdc/routes.js';

export type OperatorPlugin = (app: FastifyInstance, context: OperatorContext) => Promise<void> | void;

/** Each operator's routes, mounted under its prefix (`upstreams/<operator>/routes.ts`). */
export const operatorPlugins: { prefix: string; plugin: OperatorPlugin }[] = [
  { prefix: '/francetravail', plugin: francetravailRoutes },
  { prefix: '/anotea', plugin: anoteaRoutes },
  { prefix: '/caissedesdepots', plugin: caissedesdepotsRoutes },
  { prefix: '/opendata-cdc', plugin: opendataCdcRoutes },
  { prefix: '/carif-oref', plugin: carifOrefRoutes },
  { prefix: '/france-competences', plugin: franceCompetencesRoutes },
  { prefix: '/identity', plugin: identityRoutes },
  { prefix: '/api-particulier', plugin: apiParticulierRoutes },
];
