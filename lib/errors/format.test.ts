import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, badInput, upstreamUnavailable } from './app-error.js';
import { maskError, toGraphQLError } from './format.js';

describe('maskError', () => {
  it('keeps the code, message and safe hints of an AppError, with the request id', () => {
    const error = toGraphQLError(badInput('romeCode', 'romeCode must be a ROME code.'));
    const masked = maskError({ message: error.message, path: ['occupation'], extensions: error.extensions }, error, { requestId: 'r-1' });
    expect(masked).toEqual({ message: 'romeCode must be a ROME code.', path: ['occupation'], extensions: { code: 'BAD_USER_INPUT', argument: 'romeCode', requestId: 'r-1' } });
  });

  it('finds an AppError wrapped by GraphQL and by a cause chain', () => {
    const wrapped = new GraphQLError('boom', { originalError: new Error('outer', { cause: upstreamUnavailable('france-travail') }) });
    expect(maskError({ message: 'boom' }, wrapped).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', operator: 'france-travail' });
  });

  it('hides anything unexpected behind INTERNAL and a generic message, dropping internals', () => {
    const hidden: unknown[] = [];
    const leak = new Error('connect ECONNREFUSED 127.0.0.1:4002 at /srv/app.ts:12');
    const masked = maskError(
      { message: leak.message, extensions: { code: 'SOMETHING', serviceName: 'france-travail', exception: { stacktrace: ['x'] } } },
      leak,
      { onHidden: (error) => hidden.push(error) },
    );
    expect(masked).toEqual({ message: 'Internal error.', extensions: { code: 'INTERNAL' } });
    expect(hidden).toEqual([leak]);
  });

  it('maps Apollo validation errors to BAD_USER_INPUT and keeps their message', () => {
    const masked = maskError({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new Error('x'));
    expect(masked.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(masked.message).toContain('Cannot query field');
  });

  it('never lets a non-catalogue code through', () => {
    const masked = maskError({ message: 'x', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }, new AppError('INTERNAL', 'x'));
    expect(masked.extensions?.['code']).toBe('INTERNAL');
  });
});
