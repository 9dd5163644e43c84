import { describe, expect, it } from 'vitest';
import { auditConfigFromEnv } from '../auth/audit-sinks.js';
import { subgraphSigningSecretsFromEnv } from '../auth/subgraph-signature.js';
import { parseCacheConfig } from '../cache/config.js';
import { securityConfigFromEnv } from '../../gateway/src/security/config.js';
import { loadConfig as franceTravailConfig } from '../../subgraphs/france-travail/src/config.js';
import { cdcConfigFromEnv } from '../../subgraphs/caisse-des-depots/src/config.js';
import { ConfigError, DEV_AUDIT_HASH_SECRET, DEV_CACHE_KEY_SECRET, DEV_FT_CLIENT_SECRET, DEV_RATE_LIMIT_KEY_SECRET, PUBLISHED_SECRETS } from './index.js';

const OWN = 'a-deployment-own-secret-0123456789abcdef';
const production = { NODE_ENV: 'production' };

/** Each secret variable, read by its own module (with the other variables that module requires set). */
const readers: Record<string, (env: Record<string, string>) => string> = {
  CACHE_KEY_SECRET: (env) => parseCacheConfig(env).CACHE_KEY_SECRET,
  AUDIT_HASH_SECRET: (env) => auditConfigFromEnv(env).hashSecret,
  RATE_LIMIT_KEY_SECRET: (env) => securityConfigFromEnv(env, { introspection: false }).rateLimit.keySecret,
  SUBGRAPH_SIGNING_SECRETS: (env) => subgraphSigningSecretsFromEnv(env).join(','),
  FT_CLIENT_SECRET: (env) => franceTravailConfig({ API_PARTICULIER_TOKEN: OWN, ...env }).FT_CLIENT_SECRET,
  API_PARTICULIER_TOKEN: (env) => franceTravailConfig({ FT_CLIENT_SECRET: OWN, ...env }).API_PARTICULIER_TOKEN,
  CDC_CLIENT_SECRET: (env) => cdcConfigFromEnv(env).cdcClientSecret,
};

/** The ConfigError a read throws (undefined when it succeeds). */
const failure = (read: () => unknown): ConfigError | undefined => {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
};

describe('production refuses every default secret (issue #12 item 7)', () => {
  for (const [variable, read] of Object.entries(readers)) {
    it(`${variable}: missing or any published value → one line naming it, never the value; its own value → accepted`, () => {
      const missing = failure(() => read(production));
      expect(missing?.message).toMatch(new RegExp(`^Invalid configuration: ${variable} is missing`));
      expect(missing?.message).not.toContain('\n');
      for (const published of PUBLISHED_SECRETS) {
        const refused = failure(() => read({ ...production, [variable]: published }));
        expect(refused?.message, `${variable}=${published}`).toMatch(new RegExp(`^Invalid configuration: ${variable} (is a published default|is invalid)`));
        expect(refused?.message).not.toContain(published);
      }
      expect(read({ ...production, [variable]: OWN })).toBe(OWN);
    });
  }

  it('outside production the development defaults still apply', () => {
    expect(readers['CACHE_KEY_SECRET']?.({})).toBe(DEV_CACHE_KEY_SECRET);
    expect(readers['AUDIT_HASH_SECRET']?.({})).toBe(DEV_AUDIT_HASH_SECRET);
    expect(readers['RATE_LIMIT_KEY_SECRET']?.({})).toBe(DEV_RATE_LIMIT_KEY_SECRET);
    expect(franceTravailConfig({}).FT_CLIENT_SECRET).toBe(DEV_FT_CLIENT_SECRET);
  });
});
