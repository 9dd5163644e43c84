import { authConfigFromEnv } from '../../lib/auth/config.js';
import { createTokenVerifier } from '../../lib/auth/verifier.js';
import { runMain } from '../../lib/config/index.js';
import { startGateway } from './app.js';
import { loadGatewayConfig } from './config.js';

await runMain(async () => {
  const config = loadGatewayConfig();
  const verifier = createTokenVerifier(authConfigFromEnv());
  const gateway = await startGateway({ config, verifier });
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
