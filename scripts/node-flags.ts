/**
 * The Node flags a service process runs with, for the launcher (scripts/stack.ts) and for the
 * benchmarks that start our gateway as `npm start` does (bench/peers/processes.ts).
 *
 * The gateway's old space is capped (`--max-old-space-size`): without a cap V8 lets the heap grow
 * with the allocation rate, and a gateway answering thousands of requests a second sat at 200–240
 * MiB of RSS mostly holding garbage (bench/README.md, #15.2). The cap is `GATEWAY_HEAP_MIB`, else
 * 64 MiB for the gateway's own state (supergraph, plans, modules) plus twice the two in-process
 * caches' budgets (`ENTITY_CACHE_MAX_MIB`, `RESPONSE_CACHE_MAX_MIB`, 32 each by default): 192 MiB.
 * Twice, because a cache's budget counts its entries' bytes, not the heap they take while being
 * replaced. A deployment whose memory limit differs sets `GATEWAY_HEAP_MIB` (or NODE_OPTIONS).
 *
 * Its young generation is held to 8 MiB semi-spaces (`--max-semi-space-size`, `GATEWAY_SEMI_SPACE_MIB`)
 * instead of Node 20's 16: a gateway's garbage is short-lived request state, and V8 keeps its
 * largest young generation resident once reached. Under bench:peers' load that took the RSS from
 * 175–183 to 152–168 MiB at the same throughput and CPU per request; 4 MiB took a few MiB more
 * off but cost 10–15 % of the throughput in scavenges (bench/README.md, 8 December 2026).
 * The subgraphs and the simulators run with Node's defaults.
 */
export const GATEWAY_ENTRY = 'gateway/src/main.ts';

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive whole number of MiB, got ${value}`);
  return parsed;
};

export function gatewayHeapMiB(env: Record<string, string | undefined>): number {
  const caches = positive(env['ENTITY_CACHE_MAX_MIB'], 32, 'ENTITY_CACHE_MAX_MIB') + positive(env['RESPONSE_CACHE_MAX_MIB'], 32, 'RESPONSE_CACHE_MAX_MIB');
  return positive(env['GATEWAY_HEAP_MIB'], 64 + 2 * caches, 'GATEWAY_HEAP_MIB');
}

export function gatewaySemiSpaceMiB(env: Record<string, string | undefined>): number {
  return positive(env['GATEWAY_SEMI_SPACE_MIB'], 8, 'GATEWAY_SEMI_SPACE_MIB');
}

export function nodeFlagsOf(entry: string, env: Record<string, string | undefined>): string[] {
  return entry === GATEWAY_ENTRY ? [`--max-old-space-size=${gatewayHeapMiB(env)}`, `--max-semi-space-size=${gatewaySemiSpaceMiB(env)}`] : [];
}
