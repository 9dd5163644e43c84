import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../lib/errors/index.js';
import { createInFlightLimit } from './in-flight.js';

/** What the limit uses of a response: a header and its `close` event. */
function aResponse(): ServerResponse & { headers: Record<string, string>; finish: () => void } {
  const emitter = new EventEmitter() as EventEmitter & { headers: Record<string, string>; setHeader: (name: string, value: string) => void; finish: () => void };
  emitter.headers = {};
  emitter.setHeader = (name, value) => void (emitter.headers[name] = value);
  emitter.finish = () => void emitter.emit('close');
  return emitter as unknown as ServerResponse & { headers: Record<string, string>; finish: () => void };
}

const anonymous = { kind: 'anonymous', key: 'ip:203.0.113.9' } as const;

describe('requests in flight per anonymous address (#12.3)', () => {
  it('refuses the request past the cap at once with RATE_LIMITED, retry after 1 s, and admits again once one is answered', () => {
    const limit = createInFlightLimit(2);
    const first = aResponse();
    const second = aResponse();
    limit.enter(anonymous, first);
    limit.enter(anonymous, second);
    const third = aResponse();
    let refusal: unknown;
    try {
      limit.enter(anonymous, third);
    } catch (error) {
      refusal = error;
    }
    expect(isAppError(refusal) && refusal.code).toBe('RATE_LIMITED');
    // lib/server/http.ts turns it into `Retry-After: 1` (checked on the whole stack in test/security/egress.attacks.ts).
    expect(isAppError(refusal) && refusal.retryAfterSeconds).toBe(1);
    expect(third.headers['ratelimit-policy']).toBe('2;comment="in-flight"');
    expect(limit.inFlight(anonymous.key)).toBe(2);
    first.finish();
    expect(limit.inFlight(anonymous.key)).toBe(1);
    limit.enter(anonymous, aResponse());
    expect(limit.inFlight(anonymous.key)).toBe(2);
  });

  it('counts each address apart, and never caps workers or partners', () => {
    const limit = createInFlightLimit(1);
    limit.enter(anonymous, aResponse());
    limit.enter({ kind: 'anonymous', key: 'ip:198.51.100.7' }, aResponse());
    for (let index = 0; index < 10; index += 1) {
      limit.enter({ kind: 'worker', key: 'worker:abc' }, aResponse());
      limit.enter({ kind: 'partner', key: 'partner:client' }, aResponse());
    }
    expect(limit.inFlight('worker:abc')).toBe(0);
    expect(() => limit.enter(anonymous, aResponse())).toThrow();
  });

  it('is off at 0', () => {
    const limit = createInFlightLimit(0);
    for (let index = 0; index < 50; index += 1) limit.enter(anonymous, aResponse());
    expect(limit.inFlight(anonymous.key)).toBe(0);
  });
});
