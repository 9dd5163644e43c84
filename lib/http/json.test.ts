import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { parseUpstreamJson } from './json.js';
import type { UpstreamResponse } from './options.js';

const response = (body: string, status = 200): UpstreamResponse => ({
  status,
  headers: {},
  text: () => body,
  json: <T>() => JSON.parse(body) as T,
});

const schema = z.object({ total_count: z.number(), results: z.array(z.object({ siret: z.string() })) });

describe('parseUpstreamJson', () => {
  it('returns the validated body', () => {
    expect(parseUpstreamJson(response('{"total_count":1,"results":[{"siret":"1"}]}'), schema, 'opendata-cdc')).toEqual({ total_count: 1, results: [{ siret: '1' }] });
  });

  it('makes a body that is not JSON, or not the expected shape, the operator unavailable without quoting it', () => {
    for (const body of ['<html>oops</html>', '{"total_count":"secret-value"}']) {
      let caught: unknown;
      try {
        parseUpstreamJson(response(body), schema, 'opendata-cdc', { operation: 'records' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: 'opendata-cdc', status: 200 });
      expect((caught as Error).message).not.toContain('secret-value');
      expect((caught as Error).cause).toMatchObject({ operation: 'records' });
    }
  });
});
