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

export async function encodeEntry(value: unknown, freshUntil: number, compressAboveBytes: number): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const compressed = json.length > compressAboveBytes;
  const payload = compressed ? await compress(json, BROTLI_PARAMS) : json;
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt8(compressed ? BROTLI_JSON : PLAIN_JSON, 0);
  header.writeDoubleBE(freshUntil, 1);
  return Buffer.concat([header, payload]);
}

/** `null` for anything unreadable (another version's format, a truncated value): treated as a miss. */
export async function decodeEntry(raw: Buffer | string | null): Promise<DecodedEntry | null> {
  if (raw === null || typeof raw === 'string' || raw.length < HEADER_BYTES) return null;
  const encoding = raw.readUInt8(0);
  const freshUntil = raw.readDoubleBE(1);
  const payload = raw.subarray(HEADER_BYTES);
  try {
    if (encoding === PLAIN_JSON) return { value: JSON.parse(payload.toString('utf8')), freshUntil };
    if (encoding === BROTLI_JSON) return { value: JSON.parse((await decompress(payload)).toString('utf8')), freshUntil };
  } catch {
    return null;
  }
  return null;
}

/** Whether the entry body is compressed (for tests and debugging). */
export function isCompressed(raw: Buffer): boolean {
  return raw.length >= HEADER_BYTES && raw.readUInt8(0) === BROTLI_JSON;
}
