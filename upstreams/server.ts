import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { registerAdmin, type SimulatorState } from './core/admin.js';
import { faultsFromEnv, type Fault, type Operator } from './core/faults.js';
import { buildWorld, type World } from './data/world.js';
import { Rng } from './data/prng.js';
import { operatorPlugins } from './operators.js';

export interface SimulatorOptions {
  seed?: string;
  faults?: Map<Operator, Fault>;
  /** The public base URL of this process (used in issuer metadata and links). */
  publicUrl: string;
  logger?: boolean;
}

export interface OperatorContext {
  world: World;
  state: SimulatorState;
  publicUrl: string;
}

/** One Fastify app serving every operator under its own prefix, with the real APIs' own paths below it. */
export async function createSimulator(options: SimulatorOptions): Promise<{ app: FastifyInstance; context: OperatorContext }> {
  const world = buildWorld(options.seed);
  const state: SimulatorState = {
    faults: options.faults ?? faultsFromEnv({}),
    calls: new Map(),
    requestIds: new Map(),
    rng: new Rng(`${world.seed}:faults`),
  };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576, routerOptions: { maxParamLength: 200 } });
  await app.register(formbody);
  registerAdmin(app, state);
  app.get('/healthz', async () => ({ status: 'ok' }));
  const context: OperatorContext = { world, state, publicUrl: options.publicUrl.replace(/\/$/, '') };
  for (const { prefix, plugin } of operatorPlugins) {
    await app.register(async (scope) => plugin(scope, context), { prefix });
  }
  return { app, context };
}
