import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './verifier.js';
import { cachedVerifier } from './verified-tokens.js';

/** A header carrying an (unsigned here: the counting verifier below is what checks it) JWT that expires at `exp`. */
async function header(sub: string, exp: number): Promise<string> {
  const token = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode('k'.repeat(32)));
  return `Bearer ${token}`;
}

/** Counts verifications; tokens whose subject is "bad" fail. */
function countingVerifier(): TokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    async principalFrom(authorization: string | undefined): Promise<Principal> {
      verifier.calls += 1;
      if (authorization === undefined) return { kind: 'anonymous' };
      const payload = JSON.parse(Buffer.from(authorization.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
      if (payload.sub === 'bad') throw new Error('rejected');
      return { kind: 'worker', workerId: payload.sub, scopes: [] };
    },
  };
  return verifier;
}

describe('gateway token cache', () => {
  it('verifies a token once for many requests, concurrent or not, until it expires', async () => {
    let clock = 1_000_000_000_000;
    const inner = countingVerifier();
    const verifier = cachedVerifier(inner, { maxEntries: 10, now: () => clock });
    const token = await header('W000001', clock / 1000 + 60);
    const [a, b] = await Promise.all([verifier.principalFrom(token), verifier.principalFrom(token)]);
    expect(await verifier.principalFrom(token)).toEqual({ kind: 'worker', workerId: 'W000001', scopes: [] });
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(inner.calls).toBe(1);
    // Another token, another principal: verified on its own.
    expect(await verifier.principalFrom(await header('W000002', clock / 1000 + 60))).toMatchObject({ workerId: 'W000002' });
    expect(inner.calls).toBe(2);
    // Past `exp` the token is verified again (and the real verifier refuses it then).
    clock += 61_000;
    await verifier.principalFrom(token);
    expect(inner.calls).toBe(3);
  });

  it('remembers no failure, and leaves anonymous requests to the verifier', async () => {
    const inner = countingVerifier();
    const verifier = cachedVerifier(inner, { maxEntries: 10 });
    const bad = await header('bad', Math.floor(Date.now() / 1000) + 60);
    await expect(verifier.principalFrom(bad)).rejects.toThrow('rejected');
    await expect(verifier.principalFrom(bad)).rejects.toThrow('rejected');
    expect(inner.calls).toBe(2);
    await verifier.principalFrom(undefined);
    expect(inner.calls).toBe(3);
  });

  it('keeps at most maxEntries tokens (least recently used dropped first)', async () => {
    const inner = countingVerifier();
    const verifier = cachedVerifier(inner, { maxEntries: 2 });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const [t1, t2, t3] = await Promise.all([header('W1', exp), header('W2', exp), header('W3', exp)]);
    for (const token of [t1, t2, t3, t3, t2]) await verifier.principalFrom(token);
    expect(inner.calls).toBe(3);
    await verifier.principalFrom(t1);
    expect(inner.calls).toBe(4);
  });
});
