import { describe, expect, it } from 'vitest';
import { boundedOperationLabel } from './metrics-plugin.js';

describe('operation-name labels (issue #12)', () => {
  it('keeps the first names, counts every later new name as other, and refuses odd names', () => {
    const label = boundedOperationLabel(3);
    expect(['A', 'B', 'C'].map(label)).toEqual(['A', 'B', 'C']);
    const flood = Array.from({ length: 1_000 }, (_, i) => label(`Attack${i}`));
    expect(new Set(flood)).toEqual(new Set(['other']));
    expect(label('A')).toBe('A');
    expect(boundedOperationLabel(10)('x'.repeat(500))).toBe('other');
  });
});
