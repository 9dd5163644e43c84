import { slot } from '../request-scope/slot.js';
import { z } from 'zod';

/**
 * Which operators contributed to one response, how old their data is and whether it was served
 * stale. The cache (hits know when their entry was fetched), the HTTP client (a call is a fetch
 * now) and the catalogue index (its ingestion time) record into the request's log; a subgraph
 * sends it to the gateway in `x-cpa-sources`; the gateway merges every subgraph's log into its
 * own and answers it as `extensions.sources`. Outside a request, recording is a no-op.
 */
export const SOURCES_HEADER = 'x-cpa-sources';

export interface SourceRecord {
  /** Operator name as lib/http and the errors write it: `france-travail`, `carif-oref`… */
  operator: string;
  /** Oldest fetch from this operator among the data used, ms since epoch. */
  fetchedAt: number;
  /** How long the graph serves this operator's data as fresh; null when it is never reused (read per request). */
  ttlSeconds: number | null;
  /** True when some of it was served past its TTL because the operator failed. */
  stale: boolean;
}

const log = slot<Map<string, SourceRecord>>('sources');

/** Runs `fn` with an empty source log (one per HTTP request, beside the request id). */
export function withSourceLog<T>(fn: () => T): T {
  return log.run(new Map(), fn);
}

/** Merges per operator: the oldest fetch, the longest TTL (the reused data's), stale if any part was. */
export function recordSource(record: SourceRecord): void {
  const sources = log.get();
  if (!sources) return;
  const known = sources.get(record.operator);
  if (!known) {
    sources.set(record.operator, { ...record });
    return;
  }
  known.fetchedAt = Math.min(known.fetchedAt, record.fetchedAt);
  known.ttlSeconds = known.ttlSeconds === null ? record.ttlSeconds : record.ttlSeconds === null ? known.ttlSeconds : Math.max(known.ttlSeconds, record.ttlSeconds);
  known.stale ||= record.stale;
}

export function sourcesSeen(): SourceRecord[] {
  return [...(log.get()?.values() ?? [])].sort((a, b) => a.operator.localeCompare(b.operator));
}

const headerSchema = z.array(
  z.object({ operator: z.string().regex(/^[a-z0-9-]{1,40}$/), fetchedAt: z.number().finite(), ttlSeconds: z.number().nonnegative().nullable(), stale: z.boolean() }),
).max(50);

/** The header value a subgraph sends (ASCII JSON); undefined when nothing was recorded. */
export function sourcesHeader(): string | undefined {
  const seen = sourcesSeen();
  return seen.length === 0 ? undefined : JSON.stringify(seen);
}

/**
 * Headers the gateway checked lately, with what they held (`null`: malformed). A subgraph's header
 * is the same while the data behind it stays cached (same operators, fetch times and TTLs), so a
 * value is parsed and checked once rather than on every fetch (~15 µs of the gateway's CPU per
 * dashboard request in a profile). The oldest goes first past `CHECKED_MAX`.
 */
const checked = new Map<string, readonly Readonly<SourceRecord>[] | null>();
const CHECKED_MAX = 512;

/** A subgraph's header read back; undefined when absent or malformed (provenance must not fail a response). */
export function parseSourcesHeader(header: string | null | undefined): readonly Readonly<SourceRecord>[] | undefined {
  if (!header) return undefined;
  const known = checked.get(header);
  if (known !== undefined) return known ?? undefined;
  const records = checkHeader(header);
  if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value as string);
  checked.set(header, records ?? null);
  return records;
}

function checkHeader(header: string): readonly Readonly<SourceRecord>[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return undefined;
  }
  const result = headerSchema.safeParse(parsed);
  // Frozen: the same records answer every later read of this header.
  return result.success ? Object.freeze(result.data.map((record) => Object.freeze(record))) : undefined;
}

/** The gateway's side: a subgraph's header merged into this request's log. A malformed header is ignored. */
export function receiveSources(header: string | null | undefined): void {
  for (const record of parseSourcesHeader(header) ?? []) recordSource(record);
}

export interface SourceExtension {
  operator: string;
  fetchedAt: string;
  ttlSeconds: number | null;
  stale: boolean;
}

/** `extensions.sources` as clients read it: ISO times, operators in name order. */
export function sourcesExtension(): SourceExtension[] {
  return sourcesSeen().map((record) => ({ operator: record.operator, fetchedAt: new Date(record.fetchedAt).toISOString(), ttlSeconds: record.ttlSeconds, stale: record.stale }));
}
