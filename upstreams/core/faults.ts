import { z } from 'zod';
import { quirksSchema } from './quirks.js';

/** Operators served by the simulator, one path prefix each. */
export const OPERATORS = ['francetravail', 'anotea', 'caissedesdepots', 'opendata-cdc', 'carif-oref', 'france-competences', 'identity', 'api-particulier'] as const;
export type Operator = (typeof OPERATORS)[number];

export const faultSchema = z.object({
  /** Fixed added latency in ms. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Uniform jitter added on top, ± ms. */
  jitterMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of requests answered 503 (0–1). */
  errorRate: z.number().min(0).max(1).default(0),
  /** Every request answered with this status and a generic body. */
  forcedStatus: z.number().int().min(100).max(599).nullable().default(null),
  /** Share of requests that never get an answer (the client must time out). */
  timeoutRate: z.number().min(0).max(1).default(0),
  /** Share of requests answered 200 with a truncated, unparseable body. */
  malformedRate: z.number().min(0).max(1).default(0),
  /** Odd but valid shapes the real operators send (upstreams/core/quirks.ts). */
  quirks: quirksSchema,
});
export type Fault = z.infer<typeof faultSchema>;

export const faultPatchSchema = z.partialRecord(z.enum(OPERATORS), faultSchema.partial());

export const NO_FAULT: Fault = faultSchema.parse({});

/**
 * Parses `UPSTREAM_FAULTS`, e.g. `francetravail=latencyMs:40,jitterMs:10;caissedesdepots=errorRate:0.1`,
 * and `UPSTREAM_LATENCY_MS` / `UPSTREAM_JITTER_MS` (applied to every operator but identity).
 */
export function faultsFromEnv(env: Record<string, string | undefined>): Map<Operator, Fault> {
  const faults = new Map<Operator, Fault>();
  const latencyMs = Number(env['UPSTREAM_LATENCY_MS'] ?? 0);
  const jitterMs = Number(env['UPSTREAM_JITTER_MS'] ?? 0);
  for (const operator of OPERATORS) {
    faults.set(operator, operator === 'identity' ? { ...NO_FAULT } : faultSchema.parse({ latencyMs, jitterMs }));
  }
  const spec = env['UPSTREAM_FAULTS'];
  if (!spec) return faults;
  for (const part of spec.split(';').filter(Boolean)) {
    const [name, settings = ''] = part.split('=');
    const operator = OPERATORS.find((candidate) => candidate === name?.trim());
    if (!operator) throw new Error(`UPSTREAM_FAULTS: unknown operator "${name}" (expected one of ${OPERATORS.join(', ')})`);
    const patch: Record<string, number | null | string[]> = {};
    for (const setting of settings.split(',').filter(Boolean)) {
      const [key, value] = setting.split(':');
      if (!key || value === undefined) throw new Error(`UPSTREAM_FAULTS: "${setting}" is not key:value`);
      patch[key.trim()] = key.trim() === 'quirks' ? value.split('+').filter(Boolean) : value === 'null' ? null : Number(value);
    }
    const current = faults.get(operator) ?? NO_FAULT;
    const parsed = faultSchema.safeParse({ ...current, ...patch });
    if (!parsed.success) throw new Error(`UPSTREAM_FAULTS: invalid settings for ${operator}: ${parsed.error.issues[0]?.message}`);
    faults.set(operator, parsed.data);
  }
  return faults;
}
