import { describe, expect, it } from 'vitest';
import { requestIdFor } from './logger.js';

describe('request ids are the server’s (issue #12 item 6)', () => {
  it('an untrusted caller’s id is kept only as clientRequestId; the id is a fresh uuid', () => {
    const first = requestIdFor('shared-id', false);
    const second = requestIdFor('shared-id', false);
    expect(first.clientRequestId).toBe('shared-id');
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.requestId).not.toBe(second.requestId);
  });

  it('an insane value is dropped entirely; a trusted (signed gateway) id is taken as is', () => {
    expect(requestIdFor('a b\n', false)).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(requestIdFor('x'.repeat(129), false).clientRequestId).toBeUndefined();
    expect(requestIdFor('gateway-id', true)).toEqual({ requestId: 'gateway-id' });
  });
});
