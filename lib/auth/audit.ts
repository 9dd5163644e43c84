import { createHmac } from 'node:crypto';
import { createLogger, currentRequestId, type Logger } from '../logging/index.js';
import { counter } from '../metrics/index.js';
import type { AccessDecision, AccessReason } from './policy.js';
import type { Principal } from './principal.js';

/** One read (or refused read) of a worker's personal data, as the resolver knows it. */
export interface AuditEvent {
  principal: Principal | undefined;
  /** The worker whose data was asked for; only its HMAC is written. */
  workerId: string;
  /** Names of the fields read (e.g. `activityAccount.cpf.balance`), never their values. */
  fields: readonly string[];
  decision: AccessDecision;
  /** Defaults to the current request's id. */
  requestId?: string;
}

/** What is written: enough to answer "who read whose data, which fields, when", and no personal value. */
export interface AuditRecord {
  time: string;
  requestId: string | null;
  service: string;
  principalKind: Principal['kind'] | 'none';
  /** Partners: their OAuth2 client id (not personal data). */
  clientId?: string;
  /** Workers: HMAC of their id (the same worker always gets the same hash, under one secret). */
  principalHash?: string;
  workerHash: string;
  fields: string[];
  decision: 'ALLOWED' | 'DENIED';
  reason: AccessReason;
}

export interface AuditSink {
  readonly name: string;
  write(record: AuditRecord): Promise<void>;
  close(): Promise<void>;
}

export interface AuditLog {
  /** Never rejects: a failing or slow sink is logged and counted, the request goes on. */
  append(event: AuditEvent): Promise<void>;
  close(): Promise<void>;
}

export interface AuditLogOptions {
  service: string;
  sink: AuditSink;
  /** `AUDIT_HASH_SECRET`: keys the HMAC so worker ids cannot be recovered by hashing all ids. */
  hashSecret: string;
  logger?: Logger;
  /** An append waits at most this long for the sink (default 1 s). */
  timeoutMs?: number;
}

/** A field name is an identifier path; anything else might be a value and is dropped. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_FIELDS = 200;

const failures = counter<'sink'>({
  name: 'cpa_audit_write_failures_total',
  help: 'Audit entries that a sink failed to write (or did not write in time).',
  labelNames: ['sink'],
});

export function hashWorkerId(secret: string, workerId: string): string {
  return createHmac('sha256', secret).update(workerId, 'utf8').digest('hex');
}

export function toAuditRecord(event: AuditEvent, service: string, hashSecret: string, now: Date = new Date()): AuditRecord {
  const { principal } = event;
  return {
    time: now.toISOString(),
    requestId: event.requestId ?? currentRequestId() ?? null,
    service,
    principalKind: principal?.kind ?? 'none',
    ...(principal?.kind === 'partner' ? { clientId: principal.clientId } : {}),
    ...(principal?.kind === 'worker' ? { principalHash: hashWorkerId(hashSecret, principal.workerId) } : {}),
    workerHash: hashWorkerId(hashSecret, event.workerId),
    fields: [...new Set(event.fields)].filter((field) => FIELD_NAME.test(field)).slice(0, MAX_FIELDS),
    decision: event.decision.allowed ? 'ALLOWED' : 'DENIED',
    reason: event.decision.reason,
  };
}

class AuditTimeout extends Error {
  constructor(ms: number) {
    super(`audit sink did not answer within ${ms} ms`);
  }
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const logger = options.logger ?? createLogger('audit');
  const timeoutMs = options.timeoutMs ?? 1_000;
  const { sink } = options;

  async function bounded(write: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuditTimeout(timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([write, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async append(event) {
      try {
        const record = toAuditRecord(event, options.service, options.hashSecret);
        // A late write still lands (the race keeps it handled); the request just stops waiting for it.
        await bounded(sink.write(record));
      } catch (error) {
        failures.inc({ sink: sink.name });
        logger.error({ sink: sink.name, err: error instanceof Error ? error.message : String(error) }, 'audit write failed');
      }
    },
    close: () => sink.close(),
  };
}
