import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/index.js';
import {
  randomSigningSecret,
  SIGNATURE_HEADER,
  SIGNATURE_VALIDITY_MS,
  subgraphSignatureHeaders,
  subgraphSigningSecretsFromEnv,
  verifySubgraphSignature,
} from './subgraph-signature.js';

const OLD = randomSigningSecret();
const NEW = randomSigningSecret();
const BODY = '{"query":"{ _service { sdl } }"}';
const AT = 1_800_000_000_000;

describe('gateway → subgraph signatures', () => {
  it('verifies the exact body signed, and nothing else', () => {
    const headers = subgraphSignatureHeaders(BODY, [NEW], AT);
    expect(verifySubgraphSignature(headers, BODY, [NEW], AT)).toBe(true);
    expect(verifySubgraphSignature(headers, `${BODY} `, [NEW], AT)).toBe(false);
    expect(verifySubgraphSignature({}, BODY, [NEW], AT)).toBe(false);
    expect(verifySubgraphSignature({ [SIGNATURE_HEADER]: 'v1=deadbeef' }, BODY, [NEW], AT)).toBe(false);
    expect(verifySubgraphSignature({ [SIGNATURE_HEADER]: [String(headers[SIGNATURE_HEADER])] }, BODY, [NEW], AT)).toBe(false);
    expect(verifySubgraphSignature(headers, BODY, [OLD], AT)).toBe(false);
  });

  it('refuses a signature outside the validity window, both ways', () => {
    const headers = subgraphSignatureHeaders(BODY, [NEW], AT);
    expect(verifySubgraphSignature(headers, BODY, [NEW], AT + SIGNATURE_VALIDITY_MS)).toBe(true);
    expect(verifySubgraphSignature(headers, BODY, [NEW], AT + SIGNATURE_VALIDITY_MS + 1)).toBe(false);
    expect(verifySubgraphSignature(headers, BODY, [NEW], AT - SIGNATURE_VALIDITY_MS - 1)).toBe(false);
  });

  it('rotates without downtime: the first secret signs, every one verifies', () => {
    const byOld = subgraphSignatureHeaders(BODY, [OLD], AT);
    const byNew = subgraphSignatureHeaders(BODY, [NEW, OLD], AT);
    // Subgraphs deployed first with `new,old` accept both gateways…
    expect(verifySubgraphSignature(byOld, BODY, [NEW, OLD], AT)).toBe(true);
    expect(verifySubgraphSignature(byNew, BODY, [NEW, OLD], AT)).toBe(true);
    // …and the new gateway signs with `new`, which a subgraph on `new` alone accepts.
    expect(verifySubgraphSignature(byNew, BODY, [NEW], AT)).toBe(true);
  });

  it('refuses to start in production without secrets, and short secrets anywhere', () => {
    expect(() => subgraphSigningSecretsFromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => subgraphSigningSecretsFromEnv({ NODE_ENV: 'production' })).toThrow(/SUBGRAPH_SIGNING_SECRETS/);
    expect(() => subgraphSigningSecretsFromEnv({ SUBGRAPH_SIGNING_SECRETS: 'short' })).toThrow(/at least 32/);
    expect(subgraphSigningSecretsFromEnv({ NODE_ENV: 'production', SUBGRAPH_SIGNING_SECRETS: `${NEW}, ${OLD}` })).toEqual([NEW, OLD]);
  });

  it('outside production, without the variable, uses a random secret for this process', () => {
    const first = subgraphSigningSecretsFromEnv({});
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(subgraphSigningSecretsFromEnv({})).toEqual(first);
    expect(randomSigningSecret()).not.toBe(randomSigningSecret());
  });
});
