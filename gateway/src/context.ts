import type { BaseContext } from '@apollo/server';
import type { Principal } from '../../lib/auth/principal.js';
import type { Logger } from '../../lib/logging/index.js';

/** Per-request context in the gateway. The raw token is kept only to forward it to subgraphs. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  principal: Principal;
  authorization: string | undefined;
  logger: Logger;
}
