import { badInput } from '../errors/index.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'o:';

/** Relay cursors are opaque base64url strings over an offset; tampered cursors are BAD_USER_INPUT. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): number {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (!match?.[1]) throw badInput(argument, `${argument} is not a cursor returned by this API.`);
  return Number(match[1]);
}

/** Validates `first`/`after` and turns them into an offset window. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined, maxPageSize = MAX_PAGE_SIZE): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0) throw badInput('first', 'first must be a non-negative integer.');
  if (limit > maxPageSize) throw badInput('first', `first must be at most ${maxPageSize}.`);
  const offset = after ? decodeCursor(after) + 1 : 0;
  return { offset, limit };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
  totalCount: number;
}

/** Builds a Relay connection from one page of nodes and the total. */
export function toConnection<T>(nodes: readonly T[], page: PageRequest, totalCount: number): Connection<T> {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node }));
  const last = edges.at(-1);
  const first = edges[0];
  return {
    edges,
    pageInfo: {
      hasNextPage: page.offset + nodes.length < totalCount,
      endCursor: last ? last.cursor : null,
      hasPreviousPage: page.offset > 0,
      startCursor: first ? first.cursor : null,
    },
    totalCount,
  };
}
