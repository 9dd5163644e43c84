/**
 * The `Provenance` value type (#17.4), the same in every subgraph that serves it: which operator
 * record an entity was read from and when the operator last updated it. Built by each subgraph
 * from the operator's own data; the graph's fetch times are `extensions.sources` (./sources.ts).
 */
export interface Provenance {
  operator: string;
  recordId: string;
  dataset: string;
  region: string | null;
  url: string | null;
  /** ISO-8601 date-time with zone. */
  updatedAt: string | null;
}

/** An operator's day-only date (`2026-03-14`) as a DateTime: that day at 00:00 UTC; anything else that is not a date is null. */
export function dayStart(date: string | null | undefined): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** An operator's date-time, normalised to ISO-8601 UTC; a day-only date reads as its first instant; unreadable is null. */
export function operatorDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayStart(value);
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
