import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { MemoryEntry, MemoryStore } from './memory-store.js';
import type { Logger } from '../logging/index.js';
import { snapshotEntries } from './metrics.js';

/**
 * The in-process tier's public entries on disk, so that a process without Redis restarts warm
 * (issue #16.1). `npm start` runs without Redis, and what france-travail refreshes ahead of demand
 * (return-to-work statistics by Formacode × department, Anotéa reviews) takes France Travail's
 * quota many minutes to read again: without this file every restart began cold, and the first
 * searches met the quota.
 *
 * - Written whole and atomically (a temporary file renamed over the last one), gzipped JSON.
 * - Public entries only: the in-process tier never holds private ones (lib/cache/tiers.ts), and a
 *   key without the `:public:` segment is dropped here again, so personal data never reaches disk.
 * - Entries keep their own expiry, and the stored entry keeps its `fetchedAt`: after a restore,
 *   freshness, `stale` flags and `extensions.sources` read as if the process had never stopped.
 * - Only keys of this cache's prefix (`cpa:v<version>:<namespace>`) are restored: a file from
 *   another namespace or value version is ignored. A missing, unreadable or corrupt file is not an
 *   error: the cache starts cold, as without it.
 */
export interface CacheSnapshot {
  readonly file: string;
  /** Reads the file into the tier; how many entries were restored (0 when there is no usable file). */
  restore(): Promise<{ restored: number; skipped: number; reason?: string }>;
  /** Writes the tier's live public entries; how many. */
  save(): Promise<number>;
}

const FORMAT = 'cpa-graph/cache-snapshot@1';

const fileSchema = z.object({
  format: z.literal(FORMAT),
  prefix: z.string(),
  savedAt: z.string(),
  entries: z.array(z.tuple([z.string(), z.string(), z.enum(['b', 's']), z.number(), z.number()])),
});

type FileEntry = z.infer<typeof fileSchema>['entries'][number];

const PUBLIC = ':public:';

function encode(entry: MemoryEntry): FileEntry {
  return typeof entry.value === 'string'
    ? [entry.key, entry.value, 's', entry.start, entry.ttl]
    : [entry.key, entry.value.toString('base64'), 'b', entry.start, entry.ttl];
}

function decode([key, value, kind, start, ttl]: FileEntry): MemoryEntry {
  return { key, value: kind === 'b' ? Buffer.from(value, 'base64') : value, start, ttl };
}

export function createCacheSnapshot(options: { store: MemoryStore; prefix: string; file: string }): CacheSnapshot {
  const { store, prefix, file } = options;
  const ours = (key: string) => key.startsWith(`${prefix}:`) && key.includes(PUBLIC);
  return {
    file,
    async restore() {
      let text: Buffer;
      try {
        text = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { restored: 0, skipped: 0, reason: code === 'ENOENT' ? 'no snapshot yet' : `unreadable (${code ?? 'error'})` };
      }
      let parsed: z.infer<typeof fileSchema>;
      try {
        parsed = fileSchema.parse(JSON.parse(gunzipSync(text).toString('utf8')));
      } catch {
        return { restored: 0, skipped: 0, reason: 'corrupt or of another format' };
      }
      if (parsed.prefix !== prefix) return { restored: 0, skipped: parsed.entries.length, reason: `written for ${parsed.prefix}` };
      const entries = parsed.entries.map(decode).filter((entry) => ours(entry.key));
      const restored = store.restore(entries);
      return { restored, skipped: parsed.entries.length - restored };
    },
    async save() {
      const entries = store.dump().filter((entry) => ours(entry.key));
      const body = gzipSync(JSON.stringify({ format: FORMAT, prefix, savedAt: new Date().toISOString(), entries: entries.map(encode) }));
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, body, { mode: 0o600 });
      await rename(temporary, file);
      return entries.length;
    },
  };
}

/**
 * A process's use of its snapshot: restore now (call before the service says ready and before any
 * background refresh, which then keeps what was restored), rewrite every `intervalSeconds`, and a
 * last time on `close()` (the drain on SIGTERM). A failed write is logged, never thrown: the
 * previous file stays in place.
 */
export async function keepSnapshot(snapshot: CacheSnapshot, options: { intervalSeconds: number; logger: Pick<Logger, 'info' | 'warn'> }): Promise<{ restored: number; close(): Promise<void> }> {
  const { logger } = options;
  const outcome = await snapshot.restore();
  snapshotEntries.set({ event: 'restored' }, outcome.restored);
  logger.info({ file: snapshot.file, ...outcome }, outcome.restored > 0 ? 'cache snapshot restored' : 'cache snapshot not restored: starting cold');
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    writing = writing.then(async () => {
      try {
        const entries = await snapshot.save();
        snapshotEntries.set({ event: 'written' }, entries);
        logger.info({ file: snapshot.file, entries }, 'cache snapshot written');
      } catch (error) {
        logger.warn({ file: snapshot.file, err: error }, 'cache snapshot not written; the previous one is kept');
      }
    });
    return writing;
  };
  const timer = setInterval(() => void write(), options.intervalSeconds * 1000);
  timer.unref();
  return {
    restored: outcome.restored,
    async close() {
      clearInterval(timer);
      await write();
    },
  };
}
