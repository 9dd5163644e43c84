import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_UPSTREAM_URLS, DEV_CDC_CLIENT_SECRET, ownSecret, parseEnv, port, url, type EnvSource } from '../../../lib/config/index.js';
import { DEFAULT_PARAMETERS, withOverrides, type RuleParameters } from './domain/rules/parameters.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const cents = z.coerce.number().int().min(0);

/** Development credentials of the CDC simulator (upstreams/caissedesdepots/README.md). */
export const DEV_CDC_CLIENT = { id: 'cpa-graph-dev', secret: DEV_CDC_CLIENT_SECRET } as const;

export interface CdcConfig {
  port: number;
  host: string;
  cdcApiUrl: string;
  cdcClientId: string;
  cdcClientSecret: string;
  cdcOpendataUrl: string;
  parameters: RuleParameters;
  /** Pins the date the rules are evaluated at (demos, reproducible runs); unset: today in France. */
  rulesDate: string | undefined;
}

/**
 * The caisse-des-depots subgraph's settings, read once at start. Rule figures the public record
 * does not confirm (the 2026 participation, the C2P point value) can be set here with the date
 * they apply from; token verification, cache and audit settings are read by their own modules.
 */
export function cdcConfigFromEnv(env: EnvSource = process.env): CdcConfig {
  const parsed = parseEnv(
    {
      CDC_SUBGRAPH_PORT: port(DEFAULT_PORTS.CDC_SUBGRAPH_PORT),
      HOST: z.string().min(1).default(DEFAULT_HOST),
      CDC_API_URL: url(DEFAULT_UPSTREAM_URLS.CDC_API_URL),
      CDC_CLIENT_ID: z.string().min(1).default(DEV_CDC_CLIENT.id),
      CDC_CLIENT_SECRET: z.string().min(1).optional(),
      CDC_OPENDATA_URL: url(DEFAULT_UPSTREAM_URLS.CDC_OPENDATA_URL),
      CPF_PARTICIPATION_CENTS: cents.optional(),
      CPF_PARTICIPATION_FROM: isoDate.default('2026-01-01'),
      C2P_POINT_VALUE_CENTS: cents.optional(),
      C2P_POINT_VALUE_FROM: isoDate.default('2023-09-01'),
      CDC_RULES_DATE: isoDate.optional(),
    },
    env,
  );
  const parameters = withOverrides(DEFAULT_PARAMETERS, {
    participation: parsed.CPF_PARTICIPATION_CENTS === undefined ? undefined : { cents: parsed.CPF_PARTICIPATION_CENTS, from: parsed.CPF_PARTICIPATION_FROM },
    c2pPointValue: parsed.C2P_POINT_VALUE_CENTS === undefined ? undefined : { cents: parsed.C2P_POINT_VALUE_CENTS, from: parsed.C2P_POINT_VALUE_FROM },
  });
  return {
    port: parsed.CDC_SUBGRAPH_PORT,
    host: parsed.HOST,
    cdcApiUrl: parsed.CDC_API_URL.replace(/\/$/, ''),
    cdcClientId: parsed.CDC_CLIENT_ID,
    cdcClientSecret: ownSecret(env, 'CDC_CLIENT_SECRET', parsed.CDC_CLIENT_SECRET, DEV_CDC_CLIENT.secret),
    cdcOpendataUrl: parsed.CDC_OPENDATA_URL.replace(/\/$/, ''),
    parameters,
    rulesDate: parsed.CDC_RULES_DATE,
  };
}
