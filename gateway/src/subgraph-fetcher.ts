import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Headers, request, type Agent } from 'undici';
import { counter } from '../../lib/metrics/index.js';

/**
 * The gateway's fetcher to the subgraphs. Two things stock @apollo/gateway does not do:
 *
 * - The body goes out as one string through undici's `request` on the keep-alive pool. Through
 *   `fetch`, undici turns it into a web stream and writes it chunk by chunk: measured at ~40 % of
 *   the gateway's busy time under the training finder.
 * - Identical fetches in flight at the same moment are merged: a fetch whose URL, authorization and
 *   body equal one already under way waits for that one's answer instead of sending its own. The
 *   key holds the caller's whole `authorization` header, so an answer never reaches another
 *   principal; each caller gets its own copy of the body text to parse, so merged answers share no
 *   objects (the gateway merges entity results into its response tree in place). Only the answer
 *   in flight is shared — nothing is kept once it has arrived, so this is not a cache.
 *
 * Each caller passes its own time limit (what is left of its request's budget): the fetch that goes
 * out is aborted at its caller's limit, and a caller waiting on a merged fetch stops waiting at its
 * own. Transport failures and time-outs are rethrown as `TypeError('fetch failed', { cause })`, the
 * shape `fetch` gives and that the gateway's failure classification (security/subgraph-errors.ts,
 * datasource.ts) reads.
 */
export interface SubgraphFetcherOptions {
  agent: Agent;
  /** Merge identical in-flight fetches (on by default; `SUBGRAPH_FETCH_MERGE=false` turns it off for the benchmarks). */
  merge: boolean;
  /** Headers that differ between otherwise identical fetches and must not split them (e.g. request id, signature, budget). */
  ignoredHeaders?: readonly string[];
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const merged = counter({
  name: 'subgraph_fetches_merged_total',
  help: 'Gateway fetches to a subgraph answered by an identical fetch already in flight',
  labelNames: ['url'],
});

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

function toResponse(url: string, answer: RawAnswer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  let used = false;
  const response: FetcherResponse = {
    get bodyUsed() {
      return used;
    },
    url,
    redirected: false,
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    statusText: STATUS_TEXT[answer.status] ?? '',
    headers,
    text: async () => {
      used = true;
      return answer.text;
    },
    json: async () => {
      used = true;
      return JSON.parse(answer.text) as unknown;
    },
    arrayBuffer: async () => {
      used = true;
      const bytes = Buffer.from(answer.text, 'utf8');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    clone: () => toResponse(url, answer),
  };
  return response;
}

export type SubgraphFetcher = (url: string, init: FetcherRequestInit | undefined, timeoutMs?: number) => Promise<FetcherResponse>;

async function send(url: string, init: FetcherRequestInit, agent: Agent, timeoutMs: number | undefined): Promise<RawAnswer> {
  try {
    const response = await request(url, {
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers ?? {},
      body: init.body ?? null,
      dispatcher: agent,
      ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
    });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  } catch (error) {
    throw new TypeError('fetch failed', { cause: error });
  }
}

/** Waits for a merged fetch, but no longer than this caller's own limit. */
async function within(pending: Promise<RawAnswer>, timeoutMs: number | undefined): Promise<RawAnswer> {
  if (timeoutMs === undefined) return await pending;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TypeError('fetch failed', { cause: new DOMException('The merged fetch outlasted this request', 'TimeoutError') })), timeoutMs);
  });
  try {
    return await Promise.race([pending, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function mergeKey(url: string, init: FetcherRequestInit, ignored: ReadonlySet<string>): string | undefined {
  if (typeof init.body !== 'string') return undefined;
  const headers = Object.entries(init.headers ?? {})
    .filter(([name]) => !ignored.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort()
    .join('\n');
  return `${url}\n${headers}\n\n${init.body}`;
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const ignored = new Set((options.ignoredHeaders ?? []).map((name) => name.toLowerCase()));
  const inFlight = new Map<string, Promise<RawAnswer>>();
  return async (url, init = {}, timeoutMs) => {
    const key = options.merge ? mergeKey(url, init, ignored) : undefined;
    if (key === undefined) return toResponse(url, await send(url, init, options.agent, timeoutMs));
    const pending = inFlight.get(key);
    if (pending) {
      merged.inc({ url });
      return toResponse(url, await within(pending, timeoutMs));
    }
    const answer = send(url, init, options.agent, timeoutMs);
    inFlight.set(key, answer);
    try {
      return toResponse(url, await answer);
    } finally {
      inFlight.delete(key);
    }
  };
}
