import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';

type Chunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const bytesOf = (chunk: string | Uint8Array): Uint8Array => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);

/** A body gzipped on the fly (what a Carif-Oref `.xml.gz` feed is). */
export function gzipStream(chunks: Chunks): Readable {
  return Readable.from(chunks).pipe(createGzip());
}

/**
 * A zip of one or more files, deflated and written as they are produced (fflate's streaming
 * `Zip`): what the real feeds and the France Compétences export are. Entries carry data
 * descriptors, as streamed zips do, so a reader must not rely on sizes in the local headers.
 */
export function zipStream(files: { name: string; chunks: Chunks }[]): Readable {
  return Readable.from(
    (async function* () {
      const out: Uint8Array[] = [];
      let failure: Error | undefined;
      const zip = new Zip((error, data) => {
        if (error) failure ??= error;
        else out.push(data);
      });
      for (const file of files) {
        const entry = new ZipDeflate(file.name, { level: 6 });
        zip.add(entry);
        for await (const chunk of file.chunks) {
          entry.push(bytesOf(chunk));
          while (out.length > 0) yield out.shift() as Uint8Array;
        }
        entry.push(new Uint8Array(0), true);
        while (out.length > 0) yield out.shift() as Uint8Array;
      }
      zip.end();
      if (failure) throw failure;
      while (out.length > 0) yield out.shift() as Uint8Array;
    })(),
  );
}
