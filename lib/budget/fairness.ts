import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.js';

/**
 * Who an upstream call is made for, as quota gates see it: a worker (hashed: keys reach logs),
 * a partner, or an anonymous client by address. The gateway computes it once per request.
 */
export function fairnessKeyOf(principal: Principal | undefined, address: string): string {
  switch (principal?.kind) {
    case 'worker':
      return `worker:${createHash('sha256').update(principal.workerId).digest('hex').slice(0, 24)}`;
    case 'partner':
      return `partner:${principal.clientId}`.slice(0, 80);
    default:
      return `ip:${address}`.replace(/[^A-Za-z0-9:._/-]/g, '_').slice(0, 80);
  }
}
