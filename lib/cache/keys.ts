import { createHash, createHmac } from 'node:crypto';

export type Scope = 'public' | { ownerId: string };

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;
const MAX_RAW_KEY = 200;

export function assertName(what: string, value: string): void {
  if (!NAME.test(value)) throw new Error(`Cache ${what} must match ${NAME.source}: "${value}"`);
}

/**
 * The owner's segment of a private key. An HMAC, not a plain hash: worker ids are guessable
 * (small id space), so anyone reading Redis keys could hash candidates and match them; without
 * the secret they cannot. The raw id never reaches the store.
 */
export function ownerSegment(secret: string, ownerId: string): string {
  if (ownerId.trim() === '') throw new Error('Private cache scope needs a non-empty ownerId');
  return createHmac('sha256', secret).update(ownerId, 'utf8').digest('hex');
}

/**
 * `cpa:v<version>:<namespace>:<kind>:public:<key>` or `...:<kind>:private:<hmac>:<key>`. The
 * explicit `public` segment keeps a public key from ever spelling a private one. Long keys
 * (search parameters) are hashed to keep Redis keys short.
 */
export function entryKey(prefix: string, kind: string, key: string, scope: Scope, secret: string): string {
  const tail = key.length > MAX_RAW_KEY ? `#${createHash('sha256').update(key, 'utf8').digest('hex')}` : key;
  if (scope === 'public') return `${prefix}:${kind}:public:${tail}`;
  return `${prefix}:${kind}:private:${ownerSegment(secret, scope.ownerId)}:${tail}`;
}

export function lockKey(entry: string): string {
  return `${entry}:lock`;
}
