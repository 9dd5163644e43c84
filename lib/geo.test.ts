import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo.js';

describe('distanceKm', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm(48.8566, 2.3522, 48.8566, 2.3522)).toBe(0);
    // Paris – Lyon (town halls): about 392 km.
    expect(distanceKm(48.85657, 2.35218, 45.76404, 4.83566)).toBeCloseTo(392, -1);
  });
});
