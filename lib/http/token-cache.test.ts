import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache.js';

function issuer() {
  let issued = 0;
  let release: (() => void) | undefined;
  return {
    get issued() {
      return issued;
    },
    hold: () => new Promise<void>((resolve) => (release = resolve)),
    release: () => release?.(),
    request: async (expiresInSeconds = 1499) => {
      issued += 1;
      return { accessToken: `t${issued}`, expiresInSeconds };
    },
  };
}

describe('createTokenCache', () => {
  it('shares one token request between concurrent callers and keeps the token until expires_in − margin', async () => {
    let clock = 0;
    const upstream = issuer();
    const gate = upstream.hold();
    const cache = createTokenCache(
      async () => {
        await gate;
        return await upstream.request(120);
      },
      { refreshMarginMs: 60_000, now: () => clock },
    );
    const pending = Promise.all([cache.get(), cache.get(), cache.get()]);
    upstream.release();
    expect(await pending).toEqual(['t1', 't1', 't1']);
    clock = 59_999;
    expect(await cache.get()).toBe('t1');
    clock = 60_000;
    expect(await cache.get()).toBe('t2');
    expect(upstream.issued).toBe(2);
  });

  it('forgets a refused token, but not a newer one', async () => {
    const upstream = issuer();
    const cache = createTokenCache(async () => await upstream.request());
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t0');
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
  });

  it('does not keep a failed request: the next caller asks again', async () => {
    let attempts = 0;
    const cache = createTokenCache(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('token endpoint down');
      return { accessToken: 'ok', expiresInSeconds: 1499 };
    });
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    expect(await cache.get()).toBe('ok');
  });
});
