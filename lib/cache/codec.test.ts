import { describe, expect, it } from 'vitest';
import { decodeEntry, decodeWithPlain, encodeForTiers, isCompressed } from './codec.js';

describe('cache entry codec', () => {
  it('round-trips small values uncompressed, with their freshness', async () => {
    const raw = (await encodeForTiers({ code: 'M1805', labels: ['a', 'é'] }, 1_700_000_000_123, 1024)).stored;
    expect(isCompressed(raw)).toBe(false);
    expect(await decodeEntry(raw)).toEqual({ value: { code: 'M1805', labels: ['a', 'é'] }, freshUntil: 1_700_000_000_123 });
  });

  it('compresses above the threshold and round-trips', async () => {
    const value = { rows: Array.from({ length: 500 }, (_, index) => ({ index, label: 'Agent / Agente de sécurité' })) };
    const raw = (await encodeForTiers(value, 42, 1024)).stored;
    expect(isCompressed(raw)).toBe(true);
    expect(raw.length).toBeLessThan(JSON.stringify(value).length / 10);
    expect(await decodeEntry(raw)).toEqual({ value, freshUntil: 42 });
  });

  it('gives the in-process tier the uncompressed form of a compressed entry, and the same bytes otherwise', async () => {
    const big = { rows: Array.from({ length: 500 }, (_, index) => ({ index, label: 'Conduite de travaux' })) };
    const { stored, plain } = await encodeForTiers(big, 7, 1024);
    expect(isCompressed(stored)).toBe(true);
    expect(isCompressed(plain)).toBe(false);
    expect(await decodeEntry(plain)).toEqual({ value: big, freshUntil: 7 });
    const read = await decodeWithPlain(stored);
    expect(read?.entry).toEqual({ value: big, freshUntil: 7 });
    expect(read?.plain.equals(plain)).toBe(true);
    const small = await encodeForTiers({ code: 'M1805' }, 7, 1024);
    expect(small.plain).toBe(small.stored);
    expect((await decodeWithPlain(small.stored))?.plain).toBe(small.stored);
  });

  it('treats unreadable bytes as a miss', async () => {
    expect(await decodeEntry(null)).toBeNull();
    expect(await decodeEntry('plain string')).toBeNull();
    expect(await decodeEntry(Buffer.from([0x02, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]))).toBeNull();
    expect(await decodeEntry(Buffer.from([0x09, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
