import { badInput } from '../../../../../lib/errors/index.js';
import type { Cents } from '../money.js';
import type { CpfRegime } from '../rights.js';
import { accrualRate, applyCredit, yearlyCreditExplained } from './cpf-accrual.js';
import { euros, explain, type Explanation } from './explanation.js';
import type { RuleParameters } from './parameters.js';

export type ActivityKind = 'FULL_TIME' | 'PART_TIME' | 'FIXED_TERM' | 'INDEPENDENT' | 'ESAT' | 'UNEMPLOYED' | 'INACTIVE';

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
  /** Top-ups booked that year (corrective top-up), outside the ceiling. */
  topUpCents: Cents;
  balanceCents: Cents;
  ceilingReached: boolean;
  /** One explanation per amount (`<name>Cents`). */
  explanations: { earned: Explanation; credited: Explanation; topUp: Explanation; balance: Explanation };
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

const EMPLOYEE_KINDS: ReadonlySet<ActivityKind> = new Set(['FULL_TIME', 'PART_TIME', 'FIXED_TERM']);

/** Share of `year` a period covers, month by month (a whole month is 1/12: January–June is exactly half a year). */
function shareOfYear(period: CheckedPeriod, year: number): number {
  let share = 0;
  for (let month = 0; month < 12; month += 1) {
    const first = Date.UTC(year, month, 1) / DAY_MS;
    const last = Date.UTC(year, month + 1, 1) / DAY_MS - 1;
    const days = Math.min(period.endDay, last) - Math.max(period.startDay, first) + 1;
    if (days > 0) share += days / (last - first + 1) / 12;
  }
  return share;
}

export interface ProjectionInput {
  balanceCents: Cents;
  regime: CpfRegime;
  today: string;
  periods: readonly ActivityPeriod[];
  /** Years in which a 3,000 € corrective top-up (L6323-13) is expected. */
  correctiveTopUpYears?: readonly number[] | undefined;
}

/**
 * The CPF at the end of each year from today's real balance: each year's periods give the
 * employee hours (share of the year × working-time ratio × 1,607 h), the self-employed share of
 * the year and any ESAT admission; the year's credit follows the accrual rules and stops at the
 * most favourable ceiling; corrective top-ups are added beyond it. Years without a period earn
 * nothing. Every amount of every row is explained.
 */
export function projectCpf(input: ProjectionInput, parameters: RuleParameters): ProjectionYear[] {
  const periods = validatePeriods(input.periods, input.today, parameters);
  const first = periods[0];
  if (!first) return [];
  const lastYear = Math.max(...periods.map((period) => Number(period.end.slice(0, 4))), ...(input.correctiveTopUpYears ?? []).filter((year) => year <= Number(input.today.slice(0, 4)) + parameters.projection.maxYears));
  const topUpYears = new Set(input.correctiveTopUpYears ?? []);
  let balance = input.balanceCents;
  const rows: ProjectionYear[] = [];
  for (let year = Number(first.start.slice(0, 4)); year <= lastYear; year += 1) {
    let employeeShare = 0;
    let independentShare = 0;
    let esat = false;
    for (const period of periods) {
      const share = shareOfYear(period, year);
      if (share <= 0) continue;
      if (period.kind === 'INDEPENDENT') independentShare += share;
      else if (period.kind === 'ESAT') esat = true;
      else if (EMPLOYEE_KINDS.has(period.kind)) employeeShare += share * period.ratio;
    }
    const earned = yearlyCreditExplained(input.regime, { employeeShare, independentShare, esat }, parameters, year);
    const rate = accrualRate(input.regime, parameters);
    const ceilingRow = esat && parameters.cpf.esat.ceilingCents > rate.ceilingCents ? parameters.cpf.esat : rate;
    const before = balance;
    const result = applyCredit(balance, earned.cents, ceilingRow.ceilingCents);
    const topUp = topUpYears.has(year) ? parameters.cpf.correctiveTopUp.cents : 0;
    balance = result.balanceCents + topUp;
    const inputs = { year, balanceBeforeCents: before, earnedCents: earned.cents, ceilingCents: ceilingRow.ceilingCents };
    rows.push({
      year,
      earnedCents: earned.cents,
      creditedCents: result.creditedCents,
      topUpCents: topUp,
      balanceCents: balance,
      ceilingReached: result.capped,
      explanations: {
        earned: earned.explanation,
        credited: explain('cpf.ceiling-applied', result.capped
          ? `Le plafond de ${euros(ceilingRow.ceilingCents)} ne laisse passer que ${euros(result.creditedCents)} sur ${euros(earned.cents)}.`
          : `Sous le plafond de ${euros(ceilingRow.ceilingCents)} : tout le crédit de ${euros(earned.cents)} est inscrit.`, [ceilingRow], inputs),
        topUp: explain('cpf.corrective-top-up', topUp > 0
          ? `Abondement correctif de ${euros(topUp)} attendu en ${year}, hors plafond.`
          : 'Aucun abondement correctif prévu cette année.', [parameters.cpf.correctiveTopUp], { year }),
        balance: explain('cpf.projected-balance', `${euros(before)} + ${euros(result.creditedCents)} crédités${topUp > 0 ? ` + ${euros(topUp)} d'abondement` : ''} = ${euros(balance)} à la fin de ${year}.`, [ceilingRow, earned.cents > 0 ? parameters.cpf.halfTime : undefined], inputs),
      },
    });
  }
  return rows;
}
