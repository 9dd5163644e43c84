import { z } from 'zod';
import { parseEnv } from '../../lib/config/index.js';

/**
 * The simulator's "today": offers are dated relative to it so `publieeDepuis` and sorting by date
 * give the same answers on every run. `SIMULATOR_TODAY` (YYYY-MM-DD) overrides the default.
 */
export const DEFAULT_SIMULATOR_TODAY = '2026-03-02';

export function simulatorToday(env: Record<string, string | undefined> = process.env): Date {
  const { SIMULATOR_TODAY } = parseEnv({ SIMULATOR_TODAY: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default(DEFAULT_SIMULATOR_TODAY) }, env);
  return new Date(`${SIMULATOR_TODAY}T12:00:00.000Z`);
}

export const DAY_MS = 86_400_000;
