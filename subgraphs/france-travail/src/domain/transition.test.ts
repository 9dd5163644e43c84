import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../lib/errors/index.js';
import { planNear, planOptions, skillGap } from './transition.js';

const skill = (code: string) => ({ code, label: `skill ${code}`, kind: 'COMPETENCE-DETAILLEE', group: null });

describe('transition inputs', () => {
  it('the skills gap is a set difference on ROME skill codes', () => {
    const gap = skillGap([skill('1'), skill('2'), skill('3')], [skill('2'), skill('9')]);
    expect(gap.missing.map((item) => item.code)).toEqual(['1', '3']);
    expect(gap.shared.map((item) => item.code)).toEqual(['2']);
    expect(skillGap([skill('1')], null).missing).toHaveLength(1);
  });

  it('a commune without radius gets the commuting default; a department stays a department', () => {
    expect(planNear({ communeCode: '33063' })).toEqual({ kind: 'commune', communeCode: '33063', radiusKm: 30 });
    expect(planNear({ departmentCode: '33' })).toEqual({ kind: 'department', departmentCode: '33' });
  });

  it('defaults, and bad arguments named before any upstream call', () => {
    expect(planOptions({})).toEqual({ startBefore: null, first: 10, orderBy: 'REMAINING_COST' });
    for (const [args, argument] of [[{ first: 51 }, 'first'], [{ startBefore: '2027-02-30' }, 'startBefore']] as const) {
      const error = (() => {
        try {
          planOptions(args);
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BAD_USER_INPUT');
      expect((error as AppError).message).toContain(argument);
    }
  });
});
