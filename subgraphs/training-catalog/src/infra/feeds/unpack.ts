import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';

/** One file of a feed: the document itself, a gzip's content or one zip entry. */
export interface FeedFile {
  name: string;
  data: AsyncIterable<Uint8Array>;
  /** `plain`: the body itself (its Content-Type applies); `gzip` / `zip`: unpacked from it. */
  packing: 'plain' | 'gzip' | 'zip';
}

type Source = AsyncIterator<Uint8Array>;

/** Reads the first chunk (to sniff the format) and gives it back in front of the rest. */
async function peek(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ head: Uint8Array | undefined; rest: AsyncIterable<Uint8Array> }> {
  const source = (async function* () {
    yield* body;
  })();
  const first = await source.next();
  const head = first.done ? undefined : first.value;
  return {
    head,
    rest: (async function* () {
      if (head) yield head;
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    })(),
  };
}

const isGzip = (head: Uint8Array | undefined) => head !== undefined && head[0] === 0x1f && head[1] === 0x8b;
const isZip = (head: Uint8Array | undefined) => head !== undefined && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/**
 * The files of a downloaded feed, by its magic bytes rather than its name or content type (real
 * hosts label a zip `application/octet-stream`): plain, gzip (node's zlib) or zip (fflate's
 * streaming `Unzip`, which reads local headers as they arrive — no temporary file, no central
 * directory needed). Each file is streamed; read its `data` before asking for the next file.
 */
export async function* feedFiles(name: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<FeedFile> {
  const { head, rest } = await peek(body);
  if (isGzip(head)) {
    yield { name: name.replace(/\.gz$/i, ''), data: Readable.from(rest).pipe(createGunzip()), packing: 'gzip' };
  } else if (isZip(head)) {
    yield* zipEntries(rest[Symbol.asyncIterator]());
  } else {
    yield { name, data: rest, packing: 'plain' };
  }
}

interface Piece {
  name: string;
  chunk: Uint8Array;
  final: boolean;
}

async function* zipEntries(source: Source): AsyncGenerator<FeedFile> {
  const pieces: Piece[] = [];
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk, final) => {
      if (error) failure ??= error;
      else pieces.push({ name: file.name, chunk, final });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let ended = false;

  async function next(): Promise<Piece | undefined> {
    while (pieces.length === 0) {
      if (failure) throw failure;
      if (ended) return undefined;
      const read = await source.next();
      if (read.done) {
        ended = true;
        unzip.push(new Uint8Array(0), true);
      } else unzip.push(read.value);
    }
    if (failure) throw failure;
    return pieces.shift();
  }

  let current = await next();
  while (current) {
    const name = current.name;
    let done = false;
    const data = async function* (): AsyncGenerator<Uint8Array> {
      while (!done && current && current.name === name) {
        const piece: Piece = current;
        if (piece.chunk.length > 0) yield piece.chunk;
        current = await next();
        if (piece.final) done = true;
      }
      done = true;
    };
    yield { name, data: data(), packing: 'zip' };
    // What the reader left of this entry is skipped, so the next entry starts at its own bytes.
    for await (const _ of data()) void _;
  }
}
