import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { counter, gauge, histogram, registry } from './index.js';

describe('metrics registry', () => {
  it('collects the default Node metrics once', async () => {
    const text = await registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text.match(/^# TYPE process_cpu_user_seconds_total/gm)).toHaveLength(1);
  });

  it('returns the same metric when asked twice by name', () => {
    const first = counter({ name: 'test_things_total', help: 'things', labelNames: ['kind'] });
    const second = counter({ name: 'test_things_total', help: 'things', labelNames: ['kind'] });
    expect(second).toBe(first);
    expect(histogram({ name: 'test_sizes', help: 'sizes', buckets: [1, 2] })).toBe(histogram({ name: 'test_sizes', help: 'sizes' }));
    expect(gauge({ name: 'test_level', help: 'level' })).toBe(gauge({ name: 'test_level', help: 'level' }));
  });

  it('refuses a name already used by another metric type', () => {
    counter({ name: 'test_clash', help: 'clash' });
    expect(() => gauge({ name: 'test_clash', help: 'clash' })).toThrow(/another type/);
  });

  it('shares one registry when the module is evaluated twice', async () => {
    vi.resetModules();
    const again = await import('./registry.js');
    expect(again.registry).toBe(registry);
  });

  it('can target a private registry (tests of other modules)', async () => {
    const own = new Registry();
    counter({ name: 'test_private_total', help: 'private' }, own).inc();
    expect(await own.getSingleMetricAsString('test_private_total')).toContain('test_private_total 1');
  });
});
