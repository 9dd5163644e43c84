import { DEFAULT_HOST, DEFAULT_PORTS, parseEnv, port, runMain } from '../lib/config/index.js';
import { z } from 'zod';
import { faultsFromEnv } from './core/faults.js';
import { createSimulator } from './server.js';
import { acceptClient as acceptFtClient } from './francetravail/oauth.js';
import { acceptClient as acceptCdcClient } from './caissedesdepots/auth.js';
import { acceptToken } from './api-particulier/statut.routes.js';

const DEV_FT_CLIENT_ID = 'PAR_cpagraph_dev';
const DEV_CDC_CLIENT_ID = 'cpa-graph-dev';

await runMain(async () => {
  const env = parseEnv({
    UPSTREAMS_PORT: port(DEFAULT_PORTS.UPSTREAMS_PORT),
    UPSTREAMS_HOST: z.string().default(DEFAULT_HOST),
    UPSTREAMS_PUBLIC_URL: z.string().url().optional(),
    SIMULATOR_SEED: z.string().min(1).default('cpa-graph'),
    // The subgraphs' operator credentials (same environment in the launcher): a production-mode stack
    // sets its own, unpublished ones, and the simulators accept them.
    FT_CLIENT_ID: z.string().min(1).default(DEV_FT_CLIENT_ID),
    FT_CLIENT_SECRET: z.string().min(1).optional(),
    CDC_CLIENT_ID: z.string().min(1).default(DEV_CDC_CLIENT_ID),
    CDC_CLIENT_SECRET: z.string().min(1).optional(),
    API_PARTICULIER_TOKEN: z.string().min(1).optional(),
  });
  if (env.FT_CLIENT_SECRET !== undefined) acceptFtClient(env.FT_CLIENT_ID, env.FT_CLIENT_SECRET);
  if (env.CDC_CLIENT_SECRET !== undefined) acceptCdcClient(env.CDC_CLIENT_ID, env.CDC_CLIENT_SECRET);
  if (env.API_PARTICULIER_TOKEN !== undefined) acceptToken(env.API_PARTICULIER_TOKEN);
  const faults = faultsFromEnv(process.env);
  const started = Date.now();
  const publicUrl = env.UPSTREAMS_PUBLIC_URL ?? `http://${env.UPSTREAMS_HOST}:${env.UPSTREAMS_PORT}`;
  const { app } = await createSimulator({ seed: env.SIMULATOR_SEED, faults, publicUrl });
  try {
    await app.listen({ port: env.UPSTREAMS_PORT, host: env.UPSTREAMS_HOST });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw Object.assign(new Error(`Port ${env.UPSTREAMS_PORT} is already in use: set UPSTREAMS_PORT to another port.`), { code: 'EADDRINUSE' });
    }
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : env.UPSTREAMS_PORT;
  process.stdout.write(`${JSON.stringify({ service: 'upstreams', msg: 'listening', url: `http://${env.UPSTREAMS_HOST}:${actualPort}`, startMs: Date.now() - started })}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
