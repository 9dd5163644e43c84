import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/config/index.js';
import { cdcConfigFromEnv } from './config.js';
import { participation } from './domain/rules/participation.js';
import { pointValueCents } from './domain/rules/prevention.js';

describe('caisse-des-depots configuration', () => {
  it('defaults to the simulator, the dev client and the documented rule figures', () => {
    const config = cdcConfigFromEnv({});
    expect(config).toMatchObject({ port: 4001, host: '127.0.0.1', cdcApiUrl: 'http://127.0.0.1:4010/caissedesdepots', cdcClientId: 'cpa-graph-dev', rulesDate: undefined });
    expect(pointValueCents('2026-11-29', config.parameters)).toBe(50_000);
  });

  it('takes the unconfirmed figures from the environment, with the date they apply from', () => {
    const config = cdcConfigFromEnv({ CPF_PARTICIPATION_CENTS: '10400', C2P_POINT_VALUE_CENTS: '45000', C2P_POINT_VALUE_FROM: '2026-06-01' });
    expect(participation({ date: '2026-02-01', registeredJobSeeker: false, employerTopUpCents: 0 }, config.parameters).cents).toBe(10_400);
    expect(participation({ date: '2025-12-31', registeredJobSeeker: false, employerTopUpCents: 0 }, config.parameters).cents).toBe(10_223);
    expect(pointValueCents('2026-05-31', config.parameters)).toBe(50_000);
    expect(pointValueCents('2026-06-01', config.parameters)).toBe(45_000);
  });

  it('fails naming the variable', () => {
    expect(() => cdcConfigFromEnv({ CPF_PARTICIPATION_CENTS: '-1' })).toThrow(ConfigError);
    expect(() => cdcConfigFromEnv({ CDC_RULES_DATE: 'tomorrow' })).toThrow(/CDC_RULES_DATE/);
  });
});
