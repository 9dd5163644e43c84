import { describe, expect, it } from 'vitest';
import { authConfigFromEnv } from './config.js';

describe('authConfigFromEnv', () => {
  it('defaults to the development issuer and the cpa-graph audience', () => {
    expect(authConfigFromEnv({})).toEqual({
      issuer: 'http://127.0.0.1:4010/identity',
      audience: 'cpa-graph',
      jwksUrl: 'http://127.0.0.1:4010/identity/jwks.json',
      algorithms: ['ES256', 'RS256'],
      clockToleranceSeconds: 30,
      maxTokenAgeSeconds: 3_600,
      jwksCooldownMs: 30_000,
      jwksCacheMaxAgeMs: 600_000,
    });
  });

  it('derives the JWKS URL from the issuer unless given', () => {
    expect(authConfigFromEnv({ AUTH_ISSUER: 'https://id.example.fr/realms/cpa/' })).toMatchObject({
      issuer: 'https://id.example.fr/realms/cpa',
      jwksUrl: 'https://id.example.fr/realms/cpa/jwks.json',
    });
    expect(authConfigFromEnv({ AUTH_JWKS_URL: 'https://id.example.fr/certs' }).jwksUrl).toBe('https://id.example.fr/certs');
  });

  it.each([['HS256'], ['none'], ['ES256,HS512'], [' , ']])('refuses AUTH_ALGORITHMS=%j, naming the variable', (value) => {
    expect(() => authConfigFromEnv({ AUTH_ALGORITHMS: value })).toThrow(/AUTH_ALGORITHMS/);
  });

  it('accepts an asymmetric list', () => {
    expect(authConfigFromEnv({ AUTH_ALGORITHMS: 'RS256, PS256' }).algorithms).toEqual(['RS256', 'PS256']);
  });

  it('bounds the clock tolerance', () => {
    expect(() => authConfigFromEnv({ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(/AUTH_CLOCK_TOLERANCE_SECONDS/);
    expect(() => authConfigFromEnv({ TOKEN_CLOCK_SKEW_SECONDS: '3600' })).toThrow(/TOKEN_CLOCK_SKEW_SECONDS/);
  });

  it('reads the token maximum age and skew (issue #12 item 8), bounded', () => {
    expect(authConfigFromEnv({ TOKEN_MAX_AGE_SECONDS: '900', TOKEN_CLOCK_SKEW_SECONDS: '10' })).toMatchObject({ maxTokenAgeSeconds: 900, clockToleranceSeconds: 10 });
    expect(() => authConfigFromEnv({ TOKEN_MAX_AGE_SECONDS: '31536000' })).toThrow(/TOKEN_MAX_AGE_SECONDS/);
  });
});
