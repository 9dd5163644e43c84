import { z } from 'zod';
import { createLogger } from '../logging/index.js';
import { counter } from '../metrics/index.js';

/**
 * Tolerant reading of an operator's answers (issue #13). Real operators omit fields, send `null`
 * for objects, numbers as strings: only an item's essential fields (an id, a title) decide whether
 * it is kept; a bad item is dropped and counted, never the whole page. The helpers below are the
 * vocabulary of the `*.response.ts` schemas: `tolerantList` for the lists of items, the `lenient*`
 * scalars for everything that is not essential (a value of the wrong type reads as absent).
 */

export const upstreamItemsDropped = counter({
  name: 'upstream_items_dropped_total',
  help: 'Items of an operator answer or feed dropped because an essential field was missing or invalid, by operator and reason.',
  labelNames: ['operator', 'reason'] as const,
});

const log = createLogger('lib.http');

/** The kept items of a list and, for each dropped one, why (e.g. `missing_intitule`, `invalid_id`). */
export interface Kept<T> {
  items: T[];
  dropped: string[];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A bounded label: the first failing path (schema keys only, never a value), prefixed by what went wrong. */
export function dropReason(raw: unknown, issues: readonly z.core.$ZodIssue[]): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'not_an_object';
  const path = issues[0]?.path ?? [];
  const keys = path.filter((key): key is string => typeof key === 'string');
  const value = valueAt(raw, path);
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  return `${missing ? 'missing' : 'invalid'}_${keys.join('.') || 'item'}`;
}

/** A list whose items are validated one by one: what fails is dropped (with its reason), the rest kept. */
export function tolerantList<S extends z.ZodType>(item: S) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((raw): Kept<z.output<S>> => {
      const kept: Kept<z.output<S>> = { items: [], dropped: [] };
      for (const entry of raw ?? []) {
        const parsed = item.safeParse(entry);
        if (parsed.success) kept.items.push(parsed.data);
        else kept.dropped.push(dropReason(entry, parsed.error.issues));
      }
      return kept;
    });
}

/** Counts a list's dropped items under `upstream_items_dropped_total` and returns the kept ones. */
export function countDropped<T>(operator: string, kept: Kept<T>, context: Record<string, unknown> = {}): T[] {
  if (kept.dropped.length === 0) return kept.items;
  const byReason: Record<string, number> = {};
  for (const reason of kept.dropped) byReason[reason] = (byReason[reason] ?? 0) + 1;
  for (const [reason, count] of Object.entries(byReason)) upstreamItemsDropped.inc({ operator, reason }, count);
  log.warn({ operator, kept: kept.items.length, dropped: byReason, ...context }, 'upstream items dropped');
  return kept.items;
}

/** Counts drops that were decided outside a schema (a feed record the mapper refused). */
export function countDroppedItem(operator: string, reason: string, count = 1): void {
  if (count > 0) upstreamItemsDropped.inc({ operator, reason }, count);
}

/** Text that may be absent, null or of another type: all read as null. */
export const lenientText = z.string().nullish().catch(null).transform((value) => value ?? null);

/** Like `lenientText`, but an empty or blank string is null too (the `""` placeholders of some fixtures). */
export const lenientNonEmptyText = lenientText.transform((value) => (value === null || value.trim() === '' ? null : value));

/** A number, or a numeric string (`"48.85"`, `"48,85"`); `""`, null, absent or garbage read as null. */
export const lenientNumber = z
  .union([z.number(), z.string()])
  .nullish()
  .catch(null)
  .transform((value): number | null => {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value !== 'string' || value.trim() === '') return null;
    const number = Number(value.trim().replace(',', '.'));
    return Number.isFinite(number) ? number : null;
  });

export const lenientBoolean = z.boolean().nullish().catch(null).transform((value) => value ?? null);

/** An optional sub-object: `null`, absent or malformed reads as null (its own fields stay lenient). */
export function lenientObject<S extends z.ZodType>(schema: S) {
  return schema.nullish().catch(null).transform((value): z.output<S> | null => value ?? null);
}

/** A nested list of references (appellations, formacodes…): bad entries are left out, null reads as `[]`. */
export function lenientList<S extends z.ZodType>(item: S) {
  return tolerantList(item).transform((kept) => kept.items);
}

/** An essential text: present and not blank. */
export const requiredText = z.string().trim().min(1);
