import fs from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { DEV_AUDIT_HASH_SECRET, ownSecret, parseEnv, type EnvSource } from '../config/index.js';
import { createAuditLog, type AuditLog, type AuditRecord, type AuditSink } from './audit.js';

export type AuditSinkSpec = { kind: 'file'; path: string } | { kind: 'redis'; url: string; stream: string } | { kind: 'stdout' };

export interface AuditConfig {
  sink: AuditSinkSpec;
  hashSecret: string;
}

export const DEFAULT_AUDIT_SINK = 'file:./audit/audit.jsonl';
export const DEFAULT_AUDIT_STREAM = 'cpa:audit';
/** Development only: production refuses to start with it (the hashes would be reversible by anyone). */
export { DEV_AUDIT_HASH_SECRET };

/**
 * AUDIT_SINK: `file:<path>` (JSON lines, append-only, relative to the working directory),
 * `redis` (XADD to AUDIT_REDIS_STREAM on REDIS_URL) or `stdout`. AUDIT_HASH_SECRET keys the HMAC.
 */
export function auditConfigFromEnv(env: EnvSource = process.env): AuditConfig {
  const parsed = parseEnv(
    {
      AUDIT_SINK: z.string().regex(/^(file:.+|redis|stdout)$/, 'expected file:<path>, redis or stdout').default(DEFAULT_AUDIT_SINK),
      AUDIT_HASH_SECRET: z.string().min(16).optional(),
      AUDIT_REDIS_STREAM: z.string().min(1).default(DEFAULT_AUDIT_STREAM),
      REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
      NODE_ENV: z.string().default('development'),
    },
    env,
  );
  const hashSecret = ownSecret({ NODE_ENV: parsed.NODE_ENV }, 'AUDIT_HASH_SECRET', parsed.AUDIT_HASH_SECRET, DEV_AUDIT_HASH_SECRET);
  const spec = parsed.AUDIT_SINK;
  const sink: AuditSinkSpec = spec.startsWith('file:')
    ? { kind: 'file', path: resolve(spec.slice('file:'.length)) }
    : spec === 'redis'
      ? { kind: 'redis', url: parsed.REDIS_URL, stream: parsed.AUDIT_REDIS_STREAM }
      : { kind: 'stdout' };
  return { sink, hashSecret };
}

/**
 * JSON lines opened with O_APPEND: records are only ever appended, whole, in arrival order; nothing
 * is rewritten. Group commit: records that arrive while a write is under way go out together in the
 * next write, one append for the batch instead of one per record. The append itself is synchronous
 * (a few hundred bytes into the page cache, as pino's sonic-boom does) rather than a FileHandle.write
 * round trip through the thread pool. Each record's promise settles when its batch is written, or
 * fails with it (the next batch opens the file again).
 */
export function fileSink(path: string): AuditSink {
  let handle: Promise<FileHandle> | undefined;
  const opened = (): Promise<FileHandle> => {
    if (handle) return handle;
    const attempt = mkdir(dirname(path), { recursive: true, mode: 0o700 }).then(() => open(path, 'a', 0o600));
    handle = attempt;
    // A failed open is retried on the next batch instead of failing every later one.
    void attempt.catch(() => {
      if (handle === attempt) handle = undefined;
    });
    return attempt;
  };
  let pending: { line: string; done: () => void; fail: (error: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        // One synchronous append of a few hundred bytes to the page cache, as pino's sonic-boom does.
        fs.writeSync((await opened()).fd, batch.map((entry) => entry.line).join(''));
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.fail(error);
      }
    }
    writing = undefined;
  };
  return {
    name: 'file',
    write(record) {
      const line = `${JSON.stringify(record)}\n`;
      const written = new Promise<void>((done, fail) => pending.push({ line, done, fail }));
      writing ??= drain();
      return written;
    },
    async close() {
      await writing;
      const current = handle;
      handle = undefined;
      if (current) await (await current).close();
    },
  };
}

/** Flat field/value pairs so `XRANGE cpa:audit - +` is readable without a decoder; no MAXLEN: entries are never trimmed. */
function streamFields(record: AuditRecord): string[] {
  return Object.entries(record).flatMap(([key, value]) => [key, Array.isArray(value) ? value.join(',') : String(value)]);
}

export function redisSink(redis: Redis, stream: string = DEFAULT_AUDIT_STREAM, owned = false): AuditSink {
  return {
    name: 'redis',
    async write(record) {
      await redis.xadd(stream, '*', ...streamFields(record));
    },
    async close() {
      if (owned) await redis.quit();
    },
  };
}

export function stdoutSink(out: NodeJS.WritableStream = process.stdout): AuditSink {
  return {
    name: 'stdout',
    write: (record) =>
      new Promise<void>((done, fail) => {
        out.write(`${JSON.stringify({ msg: 'audit', ...record })}\n`, (error) => (error ? fail(error) : done()));
      }),
    close: async () => undefined,
  };
}

function ownRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  // Failed writes are logged and counted by the audit log; connection noise would only repeat them.
  redis.on('error', () => undefined);
  return redis;
}

export function createAuditSink(spec: AuditSinkSpec, deps: { redis?: Redis } = {}): AuditSink {
  switch (spec.kind) {
    case 'file':
      return fileSink(spec.path);
    case 'stdout':
      return stdoutSink();
    case 'redis':
      return deps.redis
        ? redisSink(deps.redis, spec.stream)
        : redisSink(ownRedis(spec.url), spec.stream, true);
  }
}

/** What a service's main.ts calls: the audit log configured by the environment. */
export function auditLogFromEnv(service: string, deps: { redis?: Redis; env?: EnvSource } = {}): AuditLog {
  const config = auditConfigFromEnv(deps.env);
  return createAuditLog({ service, sink: createAuditSink(config.sink, deps), hashSecret: config.hashSecret });
}
