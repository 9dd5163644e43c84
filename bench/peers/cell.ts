import autocannon from 'autocannon';
import { SECONDS_PER_TICK } from '../machine.js';
import { processUsage, type RunningPeer } from './processes.js';

/** One request body and its headers (a worker's token for `me`). */
export interface PeerRequest {
  body: string;
  headers: Record<string, string>;
}

export interface CellMeasure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, socket errors, and 200 answers whose body carries `errors`. */
  errors: number;
  rssMiB: number;
  cpuMsPerRequest: number;
  /** CPU the subgraph processes spent per answer over the cell (the same processes for every gateway). */
  subgraphCpuMsPerRequest: number;
}

/**
 * Loads one gateway with autocannon for `durationSeconds`. With one request the same body is
 * repeated (identical requests: in-flight merging can win); with several, each new request takes
 * the next one in turn (varied variables: merging alone cannot win). The gateway's CPU time over
 * the cell, divided by the answers, gives its CPU cost per request; its RSS is read at the end.
 * The subgraphs' CPU per answer says what each gateway's fetches cost behind it: on 2 cores the
 * gateway and the subgraphs share the machine, so a gateway that asks more of them is slower too.
 */
export async function measureCell(peer: RunningPeer, requests: readonly PeerRequest[], connections: number, durationSeconds: number, subgraphPids: readonly number[] = []): Promise<CellMeasure> {
  const first = requests[0];
  if (!first) throw new Error('a cell needs at least one request');
  let next = 0;
  let responses = 0;
  let graphqlErrors = 0;
  const before = processUsage(peer.pid);
  const subgraphTicks = () => subgraphPids.reduce((sum, pid) => sum + processUsage(pid).ticks, 0);
  const subgraphsBefore = subgraphTicks();
  const result = await autocannon({
    url: peer.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...first.headers },
    body: first.body,
    connections,
    duration: durationSeconds,
    timeout: 30,
    requests: [
      {
        ...(requests.length > 1
          ? {
              setupRequest: (request: autocannon.Request) => {
                const chosen = requests[next++ % requests.length] ?? first;
                return { ...request, body: chosen.body, headers: { 'content-type': 'application/json', ...chosen.headers } };
              },
            }
          : {}),
        onResponse: (status: number, body: string) => {
          responses += 1;
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  const after = processUsage(peer.pid);
  const subgraphsAfter = subgraphTicks();
  return {
    requestsPerSecond: responses / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: graphqlErrors + result.non2xx + result.errors,
    rssMiB: after.rssMiB,
    cpuMsPerRequest: responses > 0 ? ((after.ticks - before.ticks) * SECONDS_PER_TICK * 1000) / responses : Number.NaN,
    subgraphCpuMsPerRequest: responses > 0 && subgraphPids.length > 0 ? ((subgraphsAfter - subgraphsBefore) * SECONDS_PER_TICK * 1000) / responses : Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
