import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, withRequestId } from '../logging/index.js';
import { registry } from '../metrics/index.js';
import { requireRedis } from '../testing/redis.js';
import { createAuditLog, hashWorkerId, type AuditEvent, type AuditSink } from './audit.js';
import { auditConfigFromEnv, fileSink, redisSink, stdoutSink } from './audit-sinks.js';
import { ANONYMOUS } from './principal.js';

const SECRET = 'test-audit-secret-0123456789';
const silent = () => createLogger('audit-test', 'silent');

const partnerRead: AuditEvent = {
  principal: { kind: 'partner', clientId: 'demo-counsellor', scopes: ['cpf:read'] },
  workerId: 'W000001',
  fields: ['activityAccount.cpf.balance', 'activityAccount.cpf.ceiling'],
  decision: { allowed: true, reason: 'CONSENT' },
};
const selfRead: AuditEvent = {
  principal: { kind: 'worker', workerId: 'W000001', scopes: ['cpf:read'] },
  workerId: 'W000001',
  fields: ['jobSeeker.category'],
  decision: { allowed: true, reason: 'SELF' },
};
const refused: AuditEvent = { principal: ANONYMOUS, workerId: 'W000002', fields: ['activityAccount'], decision: { allowed: false, reason: 'ANONYMOUS' } };

async function failures(sink: string): Promise<number> {
  const metric = await registry.getSingleMetric('cpa_audit_write_failures_total')?.get();
  return metric?.values.find((value) => value.labels['sink'] === sink)?.value ?? 0;
}

describe('file sink', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpa-audit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes concurrent records whole and in arrival order, many per write (group commit)', async () => {
    const path = join(dir, 'batched', 'audit.jsonl');
    const writes = vi.spyOn(fs, 'writeSync');
    try {
      const sink = fileSink(path);
      await Promise.all(Array.from({ length: 200 }, (_, index) => sink.write({ n: index } as unknown as Parameters<AuditSink['write']>[0])));
      await sink.close();
      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => (JSON.parse(line) as { n: number }).n);
      expect(lines).toEqual(Array.from({ length: 200 }, (_, index) => index));
      // The first record starts a write alone (while the file opens); the 199 sent meanwhile are the next one.
      expect(writes.mock.calls.length).toBe(2);
    } finally {
      writes.mockRestore();
    }
  });

  it('appends one JSON line per read, with hashes instead of worker ids', async () => {
    const path = join(dir, 'nested', 'audit.jsonl');
    const log = createAuditLog({ service: 'caisse-des-depots', sink: fileSink(path), hashSecret: SECRET });
    await withRequestId('req-1', async () => {
      await Promise.all([log.append(partnerRead), log.append(selfRead), log.append(refused)]);
    });
    await log.close();
    const again = createAuditLog({ service: 'caisse-des-depots', sink: fileSink(path), hashSecret: SECRET });
    await again.append({ ...partnerRead, requestId: 'req-2' });
    await again.close();

    const text = await readFile(path, 'utf8');
    expect(text).not.toMatch(/W00000\d/);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestId: 'req-1',
      service: 'caisse-des-depots',
      principalKind: 'partner',
      clientId: 'demo-counsellor',
      workerHash: hashWorkerId(SECRET, 'W000001'),
      fields: ['activityAccount.cpf.balance', 'activityAccount.cpf.ceiling'],
      decision: 'ALLOWED',
      reason: 'CONSENT',
    });
    expect(lines[1]).toMatchObject({ principalKind: 'worker', principalHash: hashWorkerId(SECRET, 'W000001'), reason: 'SELF' });
    expect(lines[1]).not.toHaveProperty('clientId');
    expect(lines[2]).toMatchObject({ principalKind: 'anonymous', decision: 'DENIED', reason: 'ANONYMOUS' });
    expect(lines[3]).toMatchObject({ requestId: 'req-2' });
  });

  it('keeps field names only, dropping anything that looks like a value', async () => {
    const path = join(dir, 'fields.jsonl');
    const log = createAuditLog({ service: 's', sink: fileSink(path), hashSecret: SECRET });
    await log.append({ ...selfRead, fields: ['jobSeeker.category', 'Camille Martin', 'FR76 3000 6000', 'a.b.c', 'jobSeeker.category'] });
    await log.close();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ fields: ['jobSeeker.category', 'a.b.c'] });
  });
});

describe('redis sink', () => {
  let redis: Redis;
  const stream = `cpa:audit:test:${randomUUID()}`;
  beforeAll(async () => {
    redis = await requireRedis();
  });
  afterAll(async () => {
    await redis.del(stream);
    redis.disconnect();
  });

  it('XADDs flat entries that read back without any raw worker id', async () => {
    const log = createAuditLog({ service: 'france-travail', sink: redisSink(redis, stream), hashSecret: SECRET });
    await log.append({ ...partnerRead, requestId: 'req-r' });
    await log.append(selfRead);
    const entries = await redis.xrange(stream, '-', '+');
    expect(entries).toHaveLength(2);
    const first = Object.fromEntries(chunk(entries[0]?.[1] ?? []));
    expect(first).toMatchObject({
      requestId: 'req-r',
      service: 'france-travail',
      principalKind: 'partner',
      clientId: 'demo-counsellor',
      workerHash: hashWorkerId(SECRET, 'W000001'),
      fields: 'activityAccount.cpf.balance,activityAccount.cpf.ceiling',
      decision: 'ALLOWED',
      reason: 'CONSENT',
    });
    expect(JSON.stringify(entries)).not.toMatch(/W00000\d/);
  });
});

function chunk(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) pairs.push([flat[index] ?? '', flat[index + 1] ?? '']);
  return pairs;
}

describe('a failing sink never fails the request', () => {
  it('counts and logs a rejected write', async () => {
    const broken: AuditSink = { name: 'broken', write: async () => Promise.reject(new Error('disk full')), close: async () => undefined };
    const before = await failures('broken');
    await expect(createAuditLog({ service: 's', sink: broken, hashSecret: SECRET, logger: silent() }).append(selfRead)).resolves.toBeUndefined();
    expect(await failures('broken')).toBe(before + 1);
  });

  it('stops waiting for a sink that hangs', async () => {
    const hanging: AuditSink = { name: 'hanging', write: () => new Promise<void>(() => undefined), close: async () => undefined };
    const before = await failures('hanging');
    await createAuditLog({ service: 's', sink: hanging, hashSecret: SECRET, logger: silent(), timeoutMs: 20 }).append(selfRead);
    expect(await failures('hanging')).toBe(before + 1);
  });

  it('survives an unwritable file path', async () => {
    const before = await failures('file');
    const log = createAuditLog({ service: 's', sink: fileSink('/proc/forbidden/audit.jsonl'), hashSecret: SECRET, logger: silent() });
    await log.append(selfRead);
    expect(await failures('file')).toBe(before + 1);
  });
});

describe('stdout sink and configuration', () => {
  it('writes one tagged JSON line', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (data: Buffer) => chunks.push(data.toString()));
    await createAuditLog({ service: 's', sink: stdoutSink(out), hashSecret: SECRET }).append(selfRead);
    expect(JSON.parse(chunks.join(''))).toMatchObject({ msg: 'audit', principalKind: 'worker', reason: 'SELF' });
  });

  it('parses AUDIT_SINK and guards the production secret', () => {
    expect(auditConfigFromEnv({}).sink).toEqual({ kind: 'file', path: join(process.cwd(), 'audit', 'audit.jsonl') });
    expect(auditConfigFromEnv({ AUDIT_SINK: 'redis', REDIS_URL: 'redis://h:6380' }).sink).toEqual({ kind: 'redis', url: 'redis://h:6380', stream: 'cpa:audit' });
    expect(auditConfigFromEnv({ AUDIT_SINK: 'stdout' }).sink).toEqual({ kind: 'stdout' });
    expect(() => auditConfigFromEnv({ AUDIT_SINK: 'syslog' })).toThrow(/AUDIT_SINK/);
    expect(() => auditConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/AUDIT_HASH_SECRET/);
    expect(auditConfigFromEnv({ NODE_ENV: 'production', AUDIT_HASH_SECRET: SECRET }).hashSecret).toBe(SECRET);
  });
});
