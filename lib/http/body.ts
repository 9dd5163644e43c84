import type { Dispatcher } from 'undici';
import { upstreamUnavailable } from '../errors/index.js';

/**
 * Reads the whole body, refusing more than `maxBytes`: a runaway or hostile upstream must not
 * be able to fill the process's memory. Checked while streaming, not after.
 */
export async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, operator: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw upstreamUnavailable(operator, { cause: new Error(`response body exceeded ${maxBytes} bytes`) });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

export function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
