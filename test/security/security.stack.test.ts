import { afterAll, beforeAll, describe } from 'vitest';
import { startTestStack } from '../stack.js';
import { authorizationAttacks } from './authorization.attacks.js';
import { bombAttacks } from './bombs.attacks.js';
import { egressAttacks } from './egress.attacks.js';
import { attackContext, securityStackEnv, type AttackContext } from './fixture.js';
import { generateSigningKey } from './forge.js';
import { leakageAttacks } from './leakage.attacks.js';
import { limitAttacks } from './limits.attacks.js';
import { rateLimitAttacks } from './rate-limit.attacks.js';
import { stateAttacks } from './state.attacks.js';
import { subgraphTrustAttacks } from './subgraph-trust.attacks.js';
import { surfaceAttacks } from './surface.attacks.js';
import { safelistAttacks } from './safelist.attacks.js';
import { tokenAttacks } from './tokens.attacks.js';

/**
 * The security suite (issue #8 item 8): concrete attacks against the whole stack in production
 * mode — one stack for the file, each attack from its own client address so the rate limiter
 * only bites where it is being tested.
 */
describe('security: attacks on the whole stack (NODE_ENV=production)', () => {
  let context: AttackContext | undefined;
  const current = (): AttackContext => {
    if (!context) throw new Error('stack not started');
    return context;
  };

  beforeAll(async () => {
    const key = await generateSigningKey();
    const stack = await startTestStack({ env: securityStackEnv(key) });
    context = attackContext(stack, key);
  }, 120_000);

  afterAll(async () => {
    await context?.stack.stop();
  });

  tokenAttacks(current);
  authorizationAttacks(current);
  limitAttacks(current);
  bombAttacks(current);
  subgraphTrustAttacks(current);
  leakageAttacks(current);
  rateLimitAttacks(current);
  surfaceAttacks(current);
  stateAttacks(current);
  safelistAttacks(current);
  egressAttacks(current);
});
