import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { TEST_REDIS_URL } from '../../lib/testing/redis.js';
import type { GraphQLResult, TestStack } from '../stack.js';
import type { SigningKeyPair } from './forge.js';

/** Small limits so the rate-limit attacks are cheap; every other request gets its own address. */
export const RATE_LIMITS = { anonymous: 20, worker: 30, partner: 40 } as const;

/** A fresh secret: production refuses every value published in this repository (issue #12 item 7). */
export const freshSecret = (): string => randomBytes(24).toString('hex');

/** Every secret production requires, fresh for one stack (the simulators accept the operator credentials given here). */
export function productionSecrets(): Record<string, string> {
  return {
    AUDIT_HASH_SECRET: freshSecret(),
    CACHE_KEY_SECRET: freshSecret(),
    RATE_LIMIT_KEY_SECRET: freshSecret(),
    FT_CLIENT_SECRET: freshSecret(),
    CDC_CLIENT_SECRET: freshSecret(),
    API_PARTICULIER_TOKEN: freshSecret(),
  };
}

/** The production-mode stack the attacks run against: introspection and suggestions off, real Redis. */
export function securityStackEnv(key: SigningKeyPair): Record<string, string> {
  return {
    NODE_ENV: 'production',
    IDENTITY_SIGNING_KEY: key.pem,
    ...productionSecrets(),
    AUDIT_SINK: 'stdout',
    REDIS_URL: TEST_REDIS_URL,
    RATE_LIMIT_KEY_PREFIX: `test:security:${randomUUID()}:`,
    RATE_LIMIT_TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_ANONYMOUS: String(RATE_LIMITS.anonymous),
    RATE_LIMIT_WORKER: String(RATE_LIMITS.worker),
    RATE_LIMIT_PARTNER: String(RATE_LIMITS.partner),
  };
}

export interface AttackContext {
  stack: TestStack;
  key: SigningKeyPair;
  issuer: string;
  /** A GraphQL POST from a fresh client address (its own rate-limit bucket), unless one is given. */
  ask: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResult<T>>;
  /** A raw request to the gateway's /graphql. */
  raw: (init: RequestInit & { search?: string }) => Promise<{ status: number; headers: Headers; text: string }>;
  /** Upstream calls to data operators since the last reset (identity — tokens, JWKS, consents — excluded). */
  dataCalls: () => Promise<number>;
}

let address = 0;
/** 198.18.0.0/15 is reserved for benchmarks: never a real client. */
export const freshAddress = (): string => {
  address += 1;
  return `198.18.${(address >> 8) & 255}.${address & 255}`;
};

export function attackContext(stack: TestStack, key: SigningKeyPair): AttackContext {
  return {
    stack,
    key,
    issuer: `${stack.urls.upstreams}/identity`,
    ask: (query, variables, headers = {}) => stack.query(query, variables, { 'x-forwarded-for': freshAddress(), ...headers }),
    raw: async ({ search = '', ...init }) => {
      const headers = new Headers(init.headers);
      if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', freshAddress());
      const response = await fetch(`${stack.urls.graphql}${search}`, { ...init, headers });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    dataCalls: async () => {
      const calls = await stack.upstreamCalls();
      return calls.total - (calls.byOperator['identity'] ?? 0);
    },
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export const codesOf = (result: GraphQLResult<unknown>): unknown[] => (result.body.errors ?? []).map((error) => error.extensions?.['code']);

/** Nothing a client must never see: URLs, stacks, file paths, internal extension keys. */
export function expectNoInternals(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  expect(text).not.toMatch(/https?:\/\/|127\.0\.0\.1|localhost/);
  expect(text).not.toMatch(/serviceName|stacktrace|exception|\.ts:\d+|node_modules|ECONNREFUSED|fetch failed/);
}

/** A request refused as a whole: the status, one catalogue code, no data, nothing internal. */
export function expectRefused(result: GraphQLResult<unknown>, status: number, code: string): void {
  const codes = codesOf(result);
  expect(result.status).toBe(status);
  // Several limits may trip at once (an alias flood at the root is also a root-field flood): all say the same.
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set([code]));
  expect(result.body.data ?? null).toBeNull();
  expect(typeof result.body.errors?.[0]?.extensions?.['requestId']).toBe('string');
  expectNoInternals(result.body);
}
