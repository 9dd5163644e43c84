import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError } from '../../lib/config/index.js';

export type IssuerAlgorithm = 'ES256' | 'RS256';

export interface SigningKey {
  kid: string;
  alg: IssuerAlgorithm;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** Previous keys stay published this long (in rotations) so tokens they signed keep verifying until expiry. */
const RETAINED_KEYS = 3;

function algorithmOf(key: KeyObject): IssuerAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  return undefined;
}

/** The `kid` is the RFC 7638 thumbprint: the same PEM gives the same `kid` across restarts. */
async function toSigningKey(privateKey: KeyObject, alg: IssuerAlgorithm): Promise<SigningKey> {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

async function generated(): Promise<SigningKey> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return await toSigningKey(privateKey, 'ES256');
}

/** Parses `IDENTITY_SIGNING_KEY` (PKCS8 PEM, P-256 or RSA ≥ 2048; `\n` escapes accepted for one-line env files). */
export async function signingKeyFromPem(pem: string): Promise<SigningKey> {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  if (!text.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new ConfigError('IDENTITY_SIGNING_KEY', 'must be a PKCS8 PEM ("-----BEGIN PRIVATE KEY-----")');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new ConfigError('IDENTITY_SIGNING_KEY', 'is not a readable private key');
  }
  const alg = algorithmOf(key);
  if (!alg) throw new ConfigError('IDENTITY_SIGNING_KEY', 'must be an EC P-256 (ES256) or RSA ≥ 2048 bits (RS256) key');
  return await toSigningKey(key, alg);
}

/** The issuer's keys: one current signing key, plus the last few retired ones still published in the JWKS. */
export class KeyStore {
  private constructor(private keys: SigningKey[]) {}

  static async create(pem?: string): Promise<KeyStore> {
    return new KeyStore([pem === undefined ? await generated() : await signingKeyFromPem(pem)]);
  }

  current(): SigningKey {
    const key = this.keys[0];
    if (!key) throw new Error('no signing key');
    return key;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** A fresh ES256 key becomes current; older ones stay published (bounded) so issued tokens stay valid. */
  async rotate(): Promise<SigningKey> {
    const next = await generated();
    this.keys = [next, ...this.keys].slice(0, RETAINED_KEYS);
    return next;
  }
}
