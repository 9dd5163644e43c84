import { badInput } from '../../../../../lib/errors/index.js';
import type { Cents } from '../money.js';
import type { CpfRegime } from '../rights.js';
import { accrualRate, applyCredit, yearlyCredit } from './cpf-accrual.js';
import type { RuleParameters } from './parameters.js';

export type ActivityKind = 'FULL_TIME' | 'PART_TIME' | 'FIXED_TERM' | 'INDEPENDENT' | 'UNEMPLOYED' | 'INACTIVE';

export interface ActivityPeriod {
  start: string;
  end: string;
  kind: ActivityKind;
  workingTimeRatio?: number | null | undefined;
}

export interface ProjectionYear {
  year: number;
  /** What the year's activity earns under the accrual rules. */
  earnedCents: Cents;
  /** What the ceiling lets through of it. */
  creditedCents: Cents;
  balanceCents: Cents;
  ceilingReached: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(iso: string): number | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

const RATIO_KINDS: ReadonlySet<ActivityKind> = new Set(['PART_TIME', 'FIXED_TERM']);

interface CheckedPeriod extends ActivityPeriod {
  startDay: number;
  endDay: number;
  ratio: number;
}

/**
 * Validates planned periods before anything is computed (or read): real dates, start ≤ end,
 * not in an already-credited year, within the horizon, ratio in (0, 1] and only where it means
 * something, no overlap. Errors name the argument and the period at fault.
 */
export function validatePeriods(periods: readonly ActivityPeriod[], today: string, parameters: RuleParameters, argument = 'activity'): CheckedPeriod[] {
  const { maxPeriods, maxYears } = parameters.projection;
  if (periods.length > maxPeriods) throw badInput(argument, `${argument} accepts at most ${maxPeriods} periods.`);
  const currentYear = Number(today.slice(0, 4));
  const firstDay = dayNumber(`${currentYear}-01-01`) ?? 0;
  const lastDay = dayNumber(`${currentYear + maxYears}-12-31`) ?? 0;
  const checked = periods.map((period, index): CheckedPeriod => {
    const at = `${argument}[${index}]`;
    const startDay = dayNumber(period.start);
    if (startDay === undefined) throw badInput(`${at}.start`, `${at}.start must be a date YYYY-MM-DD.`);
    const endDay = dayNumber(period.end);
    if (endDay === undefined) throw badInput(`${at}.end`, `${at}.end must be a date YYYY-MM-DD.`);
    if (startDay > endDay) throw badInput(`${at}.end`, `${at}.end must not be before ${at}.start.`);
    if (startDay < firstDay) throw badInput(`${at}.start`, `${at}.start must be on or after ${currentYear}-01-01: earlier years are already credited.`);
    if (endDay > lastDay) throw badInput(`${at}.end`, `${at}.end must be within ${maxYears} years.`);
    const raw = period.workingTimeRatio;
    if (raw !== null && raw !== undefined) {
      if (!RATIO_KINDS.has(period.kind)) throw badInput(`${at}.workingTimeRatio`, `${at}.workingTimeRatio applies to PART_TIME and FIXED_TERM periods only.`);
      if (!Number.isFinite(raw) || raw <= 0 || raw > 1) throw badInput(`${at}.workingTimeRatio`, `${at}.workingTimeRatio must be in (0, 1].`);
    } else if (period.kind === 'PART_TIME') {
      throw badInput(`${at}.workingTimeRatio`, `${at}.workingTimeRatio is required for a PART_TIME period.`);
    }
    return { ...period, startDay, endDay, ratio: raw ?? 1 };
  });
  const sorted = [...checked].sort((a, b) => a.startDay - b.startDay);
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1];
    const current = sorted[index];
    if (previous && current && current.startDay <= previous.endDay) {
      throw badInput(argument, `${argument} periods must not overlap (${previous.start}–${previous.end} and ${current.start}–${current.end}).`);
    }
  }
  return sorted;
}

/**
 * The CPF at the end of each year from today's real balance: each year's periods give an
 * employee share of the legal working time (days covered × ratio) and an independent share;
 * the year's credit follows the accrual rules (full from half-time, pro rata below) and stops
 * at the ceiling. Years without a period earn nothing.
 */
export function projectCpf(input: { balanceCents: Cents; regime: CpfRegime; today: string; periods: readonly ActivityPeriod[] }, parameters: RuleParameters): ProjectionYear[] {
  const periods = validatePeriods(input.periods, input.today, parameters);
  const first = periods[0];
  if (!first) return [];
  const lastYear = Math.max(...periods.map((period) => Number(period.end.slice(0, 4))));
  const { ceilingCents } = accrualRate(input.regime, parameters);
  let balance = input.balanceCents;
  const rows: ProjectionYear[] = [];
  for (let year = Number(first.start.slice(0, 4)); year <= lastYear; year += 1) {
    const yearStart = dayNumber(`${year}-01-01`) ?? 0;
    const yearEnd = dayNumber(`${year}-12-31`) ?? 0;
    const yearDays = yearEnd - yearStart + 1;
    let employeeShare = 0;
    let independentShare = 0;
    for (const period of periods) {
      const days = Math.min(period.endDay, yearEnd) - Math.max(period.startDay, yearStart) + 1;
      if (days <= 0) continue;
      const share = (days / yearDays) * period.ratio;
      if (period.kind === 'INDEPENDENT') independentShare += share;
      else if (period.kind === 'FULL_TIME' || period.kind === 'PART_TIME' || period.kind === 'FIXED_TERM') employeeShare += share;
    }
    const earned = yearlyCredit(input.regime, { employeeShare, independentShare }, parameters);
    const result = applyCredit(balance, earned, ceilingCents);
    balance = result.balanceCents;
    rows.push({ year, earnedCents: earned, creditedCents: result.creditedCents, balanceCents: balance, ceilingReached: result.capped });
  }
  return rows;
}
