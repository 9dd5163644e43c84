import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError, isProduction, PUBLISHED_SECRETS, type EnvSource } from '../config/index.js';

/**
 * Gateway → subgraph trust (issue #12 point 2). The gateway signs every subgraph POST with an
 * HMAC-SHA256 over the timestamp and the exact body; a subgraph accepts a request only when one
 * of its secrets verifies the signature and the timestamp is within a short window. The first
 * secret of `SUBGRAPH_SIGNING_SECRETS` signs and all of them verify, so a secret is rotated by
 * deploying `new,old` everywhere, then `new`. The interface is fixed in COMMON.md.
 *
 * Hand-written on node:crypto: a short-lived JWT would need the same secret handling plus a
 * body hash; an HMAC over the body is the whole mechanism.
 */
export const SIGNATURE_HEADER = 'x-cpa-gateway-signature';

/** How far a signature's time may be from the subgraph's clock (both ways: replay and skew). */
export const SIGNATURE_VALIDITY_MS = 30_000;

/** Secrets shorter than this are refused at start-up: an HMAC key is only as strong as its entropy. */
export const MIN_SECRET_LENGTH = 32;

const mac = (secret: string, timestamp: string, body: string): Buffer =>
  createHmac('sha256', secret).update(timestamp).update('.').update(body, 'utf8').digest();

/** Headers to add to a gateway → subgraph POST whose body is exactly `body`. */
export function subgraphSignatureHeaders(body: string, secrets: readonly string[], now: number = Date.now()): Record<string, string> {
  const secret = secrets[0];
  if (secret === undefined) throw new Error('no subgraph signing secret');
  const timestamp = String(Math.floor(now));
  return { [SIGNATURE_HEADER]: `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}` };
}

/** True when `headers` carry a signature of `body` by one of `secrets`, made within the validity window. */
export function verifySubgraphSignature(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  secrets: readonly string[],
  now: number = Date.now(),
): boolean {
  const raw = headers[SIGNATURE_HEADER];
  if (typeof raw !== 'string' || raw.length > 200) return false;
  const match = /^t=(\d{1,15}),v1=([0-9a-f]{64})$/.exec(raw);
  if (!match?.[1] || !match[2]) return false;
  const timestamp = match[1];
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_VALIDITY_MS) return false;
  const given = Buffer.from(match[2], 'hex');
  // Every secret is tried (no early exit on the first), so timing does not tell which one matched.
  let valid = false;
  for (const secret of secrets) if (timingSafeEqual(mac(secret, timestamp, body), given)) valid = true;
  return valid;
}

let developmentSecret: string | undefined;

/**
 * `SUBGRAPH_SIGNING_SECRETS` (comma list, each ≥ 32 characters). Production refuses to start
 * without it. Outside production, a missing value means a random secret for this process: the
 * launcher and the test stacks pass one random secret to every process they start, and
 * in-process tests (gateway and subgraphs in one process) share this one. It is never a constant.
 */
export function subgraphSigningSecretsFromEnv(env: EnvSource = process.env): string[] {
  const raw = env['SUBGRAPH_SIGNING_SECRETS'];
  const secrets = (raw ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (secrets.length === 0) {
    if (env['NODE_ENV'] === 'production') {
      throw new ConfigError('SUBGRAPH_SIGNING_SECRETS', 'is missing: production needs the secret(s) the gateway signs subgraph requests with');
    }
    developmentSecret ??= randomBytes(32).toString('hex');
    return [developmentSecret];
  }
  if (secrets.some((secret) => secret.length < MIN_SECRET_LENGTH)) {
    throw new ConfigError('SUBGRAPH_SIGNING_SECRETS', `is invalid: every secret needs at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (isProduction(env) && secrets.some((secret) => PUBLISHED_SECRETS.has(secret))) {
    throw new ConfigError('SUBGRAPH_SIGNING_SECRETS', 'is a published default: production needs its own secret');
  }
  return secrets;
}

/** A fresh secret for one start of the stack (launcher, test stacks). */
export const randomSigningSecret = (): string => randomBytes(32).toString('hex');
