import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeForTiers } from './codec.js';
import { createSealer } from './seal.js';

describe('sealed private entries (AES-256-GCM, the entry key as associated data)', () => {
  const key = 'cpa:v1:cdc:personal:private:ab12:droits';

  it('opens what it sealed, and nothing of the value shows in the sealed bytes', async () => {
    const sealer = createSealer('secret-one');
    const entry = (await encodeForTiers({ workerId: 'W000042', balanceCents: 123_456 }, 1_700_000_000_000, 1024)).stored;
    const sealed = sealer.seal(entry, key);
    expect(sealed.toString('latin1')).not.toContain('W000042');
    expect(sealed.toString('latin1')).not.toContain('123456');
    expect(await decodeEntry(sealer.open(sealed, key))).toEqual({ value: { workerId: 'W000042', balanceCents: 123_456 }, freshUntil: 1_700_000_000_000 });
    // A fresh IV per seal: the same entry never seals to the same bytes.
    expect(sealer.seal(entry, key).equals(sealed)).toBe(false);
  });

  it('refuses another key, another secret, a flipped byte and an unsealed entry', async () => {
    const sealer = createSealer('secret-one');
    const entry = (await encodeForTiers({ workerId: 'W000042' }, 1, 1024)).stored;
    const sealed = sealer.seal(entry, key);
    expect(sealer.open(sealed, `${key}x`)).toBeNull();
    expect(createSealer('secret-two').open(sealed, key)).toBeNull();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x01;
    expect(sealer.open(flipped, key)).toBeNull();
    expect(sealer.open(entry, key)).toBeNull();
    expect(sealer.open(null, key)).toBeNull();
    expect(sealer.open('text', key)).toBeNull();
  });
});
