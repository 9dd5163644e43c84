import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Private entries (personal data, `{ ownerId }` scope) are sealed before they reach Redis:
 * AES-256-GCM under a key derived (HKDF-SHA256) from the cache's key secret, with the entry's full
 * Redis key as associated data. Someone who reads Redis sees neither the owner (the key holds an
 * HMAC, lib/cache/keys.ts) nor the value; an entry copied under another owner's key does not open
 * there (its tag fails: a miss, never someone else's data). Public entries are not sealed.
 *
 * Layout: 1 byte `SEALED`, 12 bytes IV, 16 bytes tag, then the ciphertext of the codec's entry.
 */
const SEALED = 0x53;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export interface Sealer {
  seal(entry: Buffer, key: string): Buffer;
  /** The entry, or `null` for anything that is not a sealed entry of this key under this secret. */
  open(raw: Buffer | string | null, key: string): Buffer | null;
}

export function createSealer(secret: string): Sealer {
  const aesKey = Buffer.from(hkdfSync('sha256', secret, 'cpa-graph cache', 'private entries v1', 32));
  return {
    seal(entry, key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(key, 'utf8'));
      const body = Buffer.concat([cipher.update(entry), cipher.final()]);
      return Buffer.concat([Buffer.from([SEALED]), iv, cipher.getAuthTag(), body]);
    },
    open(raw, key) {
      if (raw === null || typeof raw === 'string' || raw.length < HEADER_BYTES || raw.readUInt8(0) !== SEALED) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', aesKey, raw.subarray(1, 1 + IV_BYTES));
        decipher.setAAD(Buffer.from(key, 'utf8'));
        decipher.setAuthTag(raw.subarray(1 + IV_BYTES, HEADER_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(HEADER_BYTES)), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}
