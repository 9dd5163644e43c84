import { describe, expect, it } from 'vitest';
import { GATEWAY_ENTRY, gatewayHeapMiB, gatewaySemiSpaceMiB, nodeFlagsOf } from './node-flags.js';

describe('service node flags', () => {
  it('caps the gateway heap at 64 MiB plus twice its caches, 192 MiB by default', () => {
    expect(gatewayHeapMiB({})).toBe(192);
    expect(gatewayHeapMiB({ ENTITY_CACHE_MAX_MIB: '64', RESPONSE_CACHE_MAX_MIB: '16' })).toBe(64 + 2 * 80);
    expect(nodeFlagsOf(GATEWAY_ENTRY, {})).toEqual(['--max-old-space-size=192', '--max-semi-space-size=8']);
  });

  it('holds the young generation to 8 MiB semi-spaces unless GATEWAY_SEMI_SPACE_MIB says otherwise', () => {
    expect(gatewaySemiSpaceMiB({})).toBe(8);
    expect(nodeFlagsOf(GATEWAY_ENTRY, { GATEWAY_SEMI_SPACE_MIB: '16', GATEWAY_HEAP_MIB: '256' })).toEqual(['--max-old-space-size=256', '--max-semi-space-size=16']);
    expect(() => gatewaySemiSpaceMiB({ GATEWAY_SEMI_SPACE_MIB: '-1' })).toThrow(/GATEWAY_SEMI_SPACE_MIB/);
  });

  it('takes GATEWAY_HEAP_MIB as is, and refuses what is not a positive whole number', () => {
    expect(gatewayHeapMiB({ GATEWAY_HEAP_MIB: '512' })).toBe(512);
    expect(() => gatewayHeapMiB({ GATEWAY_HEAP_MIB: '0' })).toThrow(/GATEWAY_HEAP_MIB/);
    expect(() => gatewayHeapMiB({ ENTITY_CACHE_MAX_MIB: 'lots' })).toThrow(/ENTITY_CACHE_MAX_MIB/);
  });

  it('leaves the subgraphs and simulators on Node defaults', () => {
    expect(nodeFlagsOf('subgraphs/france-travail/src/main.ts', {})).toEqual([]);
    expect(nodeFlagsOf('upstreams/main.ts', {})).toEqual([]);
  });
});
