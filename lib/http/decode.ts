import iconv from 'iconv-lite';

/**
 * Decoding by declaration (issue #13): a body's bytes become text by the charset it declares —
 * the `charset` of its Content-Type, a BOM, or (XML) the `encoding` of its declaration — and,
 * when it declares nothing, UTF-8 if the bytes are valid UTF-8, else windows-1252 (what a
 * "Latin-1" French export really is). iconv-lite does the decoding, streamed or whole.
 */

/** `text/csv; charset=ISO-8859-1` → `iso-8859-1`; undefined without a charset. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`), read from the first bytes. */
export function xmlDeclaredEncoding(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.subarray(0, 200)).toString('latin1');
  return /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text)?.[1]?.toLowerCase();
}

function bomEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    // For a stream's first chunk (`stream: true`), ending inside a multi-byte character is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** iso-8859-1 and its aliases are read as windows-1252, as browsers do: the exports use € and ’ under that label. */
function normalise(encoding: string): string {
  const name = encoding.toLowerCase();
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii'].includes(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : 'utf-8';
}

export interface Declaration {
  contentType?: string | undefined;
  /** Also look for an XML declaration. */
  xml?: boolean;
}

/** The encoding to read `head` (the first bytes) and what follows with: BOM, then Content-Type, then XML declaration, then sniffing. */
export function encodingOf(head: Uint8Array, declaration: Declaration = {}, complete = true): string {
  const declared = bomEncoding(head) ?? charsetOfContentType(declaration.contentType) ?? (declaration.xml ? xmlDeclaredEncoding(head) : undefined);
  if (declared) return normalise(declared);
  return isValidUtf8(head, complete) ? 'utf-8' : 'windows-1252';
}

/** A whole body as text, by its declaration; a BOM is dropped. */
export function decodeBody(bytes: Uint8Array, declaration: Declaration = {}): string {
  return iconv.decode(Buffer.from(bytes), encodingOf(bytes.subarray(0, 4096), declaration, bytes.length <= 4096));
}

/** A streamed body as text chunks: the encoding is chosen from the first chunk, characters split across chunks are kept whole. */
export async function* decodeStream(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, declaration: Declaration = {}): AsyncGenerator<string> {
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  for await (const chunk of body) {
    decoder ??= iconv.getDecoder(encodingOf(chunk.subarray(0, 4096), declaration, false));
    const text = decoder.write(Buffer.from(chunk));
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}
