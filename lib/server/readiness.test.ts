import { describe, expect, it } from 'vitest';
import { registry } from '../metrics/index.js';
import { createReadiness } from './readiness.js';

/** Subgraph readiness: prerequisites must hold, warm-up steps must have finished (even by failing). */
describe('createReadiness', () => {
  it('is not ready while a warm-up step runs, ready once it succeeded', async () => {
    let finish: () => void = () => undefined;
    const readiness = createReadiness({ warmUp: { jwks: () => new Promise<void>((resolve) => (finish = resolve)) } });
    const warming = readiness.warmUp();
    expect(await readiness.check()).toMatchObject({ ready: false, details: { warmUp: { jwks: 'pending' } } });
    finish();
    await warming;
    expect(await readiness.check()).toMatchObject({ ready: true, details: { warmUp: { jwks: 'ok' } } });
  });

  it('stays ready when an operator refused its warm-up (partial data beats leaving the load balancer)', async () => {
    const readiness = createReadiness({
      warmUp: { operatorToken: () => Promise.reject(new Error('connection refused')) },
      details: () => ({ operator: 'open' }),
    });
    await readiness.warmUp();
    expect(await readiness.check()).toEqual({ ready: true, details: { prerequisites: {}, warmUp: { operatorToken: 'failed' }, operator: 'open' } });
    expect(await registry.getSingleMetricAsString('cpa_warm_up_step')).toMatch(/cpa_warm_up_step\{step="operatorToken",state="failed"\} 1/);
  });

  it('is not ready until every prerequisite holds', async () => {
    let loaded = false;
    const readiness = createReadiness({ prerequisites: { catalogue: () => loaded } });
    await readiness.warmUp();
    expect((await readiness.check()).ready).toBe(false);
    loaded = true;
    expect(await readiness.check()).toMatchObject({ ready: true, details: { prerequisites: { catalogue: true } } });
  });

  it('runs each warm-up step once however often it is asked', async () => {
    let calls = 0;
    const readiness = createReadiness({ warmUp: { jwks: async () => void (calls += 1) } });
    await Promise.all([readiness.warmUp(), readiness.warmUp(), readiness.warmUp()]);
    expect(calls).toBe(1);
  });
});
