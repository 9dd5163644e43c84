import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Closed-loop load for the failover tests: `concurrency` clients send anonymous public queries
 * back to back until stopped; every answer that is not a 200 with data and no error is a failure,
 * kept with its reason so a failing test says what broke.
 */
export interface LoadResult {
  sent: number;
  failures: string[];
}

export interface Load {
  stop(): Promise<LoadResult>;
  /** Resolves once `count` more requests were answered (to make sure load spans an event). */
  answered(count: number): Promise<void>;
}

const QUERIES = [
  { query: 'query Title($code: ID!) { occupation(romeCode: $code) { romeCode title } }', variables: { code: 'M1805' } },
  { query: 'query Title($code: ID!) { occupation(romeCode: $code) { romeCode title } }', variables: { code: 'J1506' } },
  {
    query: 'query Offers($codes: [ID!]!) { jobOffers(filter: { romeCodes: $codes, near: { departmentCode: "13" } }, first: 5) { totalCount } }',
    variables: { codes: ['J1506'] },
  },
];

let address = 0;
/** 198.18.0.0/15 is reserved for benchmarks: each request its own client, so the load is never rate limited. */
export const loadAddress = (): string => {
  address += 1;
  return `198.18.${(address >> 8) & 255}.${address & 255}`;
};

export function startLoad(graphql: string, concurrency = 4): Load {
  let running = true;
  let sent = 0;
  const failures: string[] = [];
  const waiters: Array<{ at: number; resolve: () => void }> = [];
  const one = async (index: number) => {
    const { query, variables } = QUERIES[index % QUERIES.length] ?? QUERIES[0]!;
    try {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': loadAddress() },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string }; message: string }[] };
      if (response.status !== 200 || body.errors || !body.data) failures.push(`${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
    } catch (error) {
      failures.push(`transport: ${error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)}`);
    }
    sent += 1;
    for (const waiter of waiters.filter((each) => sent >= each.at)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const clients = Array.from({ length: concurrency }, async (_, client) => {
    for (let index = client; running; index += concurrency) await one(index);
  });
  return {
    answered: (count) => new Promise((resolve) => waiters.push({ at: sent + count, resolve })),
    stop: async () => {
      running = false;
      await Promise.all(clients);
      await sleep(0);
      return { sent, failures };
    },
  };
}
