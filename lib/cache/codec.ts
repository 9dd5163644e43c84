import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

/**
 * Entry layout: 1 byte encoding, 8 bytes `freshUntil` (float64 BE, ms since epoch), payload.
 * The freshness travels with the value because the store keeps it past its TTL (the
 * stale-if-error grace); the store's own expiry only bounds the grace.
 */
const PLAIN_JSON = 0x01;
const BROTLI_JSON = 0x02;
const HEADER_BYTES = 9;

/** Quality 4: most of brotli's gain on JSON at a fraction of the CPU of the default 11. */
const BROTLI_PARAMS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

export interface DecodedEntry {
  value: unknown;
  freshUntil: number;
}

function header(encoding: number, freshUntil: number): Buffer {
  const bytes = Buffer.allocUnsafe(HEADER_BYTES);
  bytes.writeUInt8(encoding, 0);
  bytes.writeDoubleBE(freshUntil, 1);
  return bytes;
}

/**
 * One entry in the two forms the tiers keep: `stored` for Redis (compressed above the threshold:
 * it crosses the network and sits in shared memory) and `plain` for the in-process tier, where a
 * hit is then a JSON.parse rather than a brotli decompression through the thread pool (measured
 * at ~10 % of france-travail's CPU under the dashboard's load). The same bytes when not compressed.
 */
export async function encodeForTiers(value: unknown, freshUntil: number, compressAboveBytes: number): Promise<{ stored: Buffer; plain: Buffer }> {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const plain = Buffer.concat([header(PLAIN_JSON, freshUntil), json]);
  if (json.length <= compressAboveBytes) return { stored: plain, plain };
  return { stored: Buffer.concat([header(BROTLI_JSON, freshUntil), await compress(json, BROTLI_PARAMS)]), plain };
}

/** `null` for anything unreadable (another version's format, a truncated value): treated as a miss. */
export async function decodeEntry(raw: Buffer | string | null): Promise<DecodedEntry | null> {
  return (await decodeWithPlain(raw))?.entry ?? null;
}

/** The entry, and its uncompressed form for the in-process tier (`raw` itself when it was not compressed). */
export async function decodeWithPlain(raw: Buffer | string | null): Promise<{ entry: DecodedEntry; plain: Buffer } | null> {
  if (raw === null || typeof raw === 'string' || raw.length < HEADER_BYTES) return null;
  const encoding = raw.readUInt8(0);
  const freshUntil = raw.readDoubleBE(1);
  const payload = raw.subarray(HEADER_BYTES);
  try {
    if (encoding === PLAIN_JSON) return { entry: { value: JSON.parse(payload.toString('utf8')), freshUntil }, plain: raw };
    if (encoding === BROTLI_JSON) {
      const json = await decompress(payload);
      return { entry: { value: JSON.parse(json.toString('utf8')), freshUntil }, plain: Buffer.concat([header(PLAIN_JSON, freshUntil), json]) };
    }
  } catch {
    return null;
  }
  return null;
}

/** Whether the entry body is compressed (for tests and debugging). */
export function isCompressed(raw: Buffer): boolean {
  return raw.length >= HEADER_BYTES && raw.readUInt8(0) === BROTLI_JSON;
}
