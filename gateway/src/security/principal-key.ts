import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Principal } from '../../../lib/auth/principal.js';

/** Who a rate limit applies to; a request whose token did not verify is limited by its address, like an anonymous one. */
export type PrincipalKind = 'anonymous' | 'worker' | 'partner';

export interface RateLimitSubject {
  kind: PrincipalKind;
  /** `worker:<hash>`, `partner:<client id>` or `ip:<address>`: never a raw worker id (keys show up in Redis and logs). */
  key: string;
}

const hashed = (secret: string, value: string): string => createHmac('sha256', secret).update(value, 'utf8').digest('hex').slice(0, 32);

/**
 * The caller's address: the socket's, or — behind `trustProxyHops` proxies that each append to
 * `X-Forwarded-For` — the entry the outermost trusted proxy saw. Entries left of it are
 * client-supplied and ignored, so a client cannot pick its own bucket.
 */
export function clientAddress(request: IncomingMessage, trustProxyHops: number): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (trustProxyHops === 0) return normalise(socketAddress);
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const candidate = entries[entries.length - trustProxyHops];
  return candidate !== undefined && isIP(candidate) !== 0 ? normalise(candidate) : normalise(socketAddress);
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are one client; IPv6 clients are grouped by /64 (one host usually owns the whole /64). */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) === 6) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** The bucket a request counts against: the verified principal, or the address when there is none. */
export function rateLimitSubject(principal: Principal | undefined, address: string, secret: string): RateLimitSubject {
  switch (principal?.kind) {
    case 'worker':
      return { kind: 'worker', key: `worker:${hashed(secret, principal.workerId)}` };
    case 'partner':
      return { kind: 'partner', key: `partner:${principal.clientId}` };
    default:
      return { kind: 'anonymous', key: `ip:${address}` };
  }
}
