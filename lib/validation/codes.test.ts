import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { isValidSiret, luhnValid, requireDepartment, requireInseeCommune, requireRomeCode, requireSiret, withLuhnKey } from './codes.js';
import { decodeCursor, encodeCursor, pageRequest, toConnection } from './paging.js';

const badInputOn = (fn: () => unknown, argument: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    expect((error as AppError).argument).toBe(argument);
    return;
  }
  throw new Error('expected BAD_USER_INPUT');
};

describe('codes', () => {
  it('checks SIRET Luhn keys, with the La Poste exception', () => {
    expect(isValidSiret('19290076900014')).toBe(true); // Lycée Kerneuzec, from the LHEO example
    expect(isValidSiret('11004301500012')).toBe(true); // Ministère de l'Éducation nationale (France Compétences sample)
    expect(isValidSiret('19290076900015')).toBe(false);
    expect(isValidSiret('1929007690001')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true); // La Poste: digit sum multiple of 5
    expect(luhnValid(withLuhnKey('1234567890123'))).toBe(true);
  });

  it('validates ROME, INSEE and department codes and names the argument', () => {
    expect(requireRomeCode(' m1805 ', 'romeCode')).toBe('M1805');
    badInputOn(() => requireRomeCode('Z1805', 'romeCode'), 'romeCode');
    expect(requireInseeCommune('2A004', 'near.communeCode')).toBe('2A004');
    badInputOn(() => requireInseeCommune('7510', 'near.communeCode'), 'near.communeCode');
    expect(requireDepartment('971', 'near.departmentCode')).toBe('971');
    badInputOn(() => requireDepartment('96', 'near.departmentCode'), 'near.departmentCode');
    badInputOn(() => requireSiret('12345678901234', 'siret'), 'siret');
  });
});

describe('paging', () => {
  it('round-trips opaque cursors and refuses forged ones', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    badInputOn(() => decodeCursor('bm9wZQ'), 'after');
    badInputOn(() => decodeCursor('../../etc'), 'after');
  });

  it('validates first and builds Relay connections', () => {
    expect(pageRequest(undefined, undefined)).toEqual({ offset: 0, limit: 20 });
    expect(pageRequest(5, encodeCursor(9))).toEqual({ offset: 10, limit: 5 });
    badInputOn(() => pageRequest(101, null), 'first');
    badInputOn(() => pageRequest(-1, null), 'first');
    const connection = toConnection(['a', 'b'], { offset: 10, limit: 2 }, 13);
    expect(connection.totalCount).toBe(13);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decodeCursor(connection.pageInfo.endCursor ?? '')).toBe(11);
  });
});
