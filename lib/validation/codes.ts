import { badInput } from '../errors/index.js';
import { isOfficialCommune } from './communes.js';

/** ROME 4.0 occupation code: a letter of the 14 grands domaines (A–N) and four digits. */
export const ROME_PATTERN = /^[A-N]\d{4}$/;
export const RNCP_PATTERN = /^RNCP\d{1,6}$/;
export const RS_PATTERN = /^RS\d{1,6}$/;
export const FORMACODE_PATTERN = /^\d{5}$/;
/** INSEE commune code: 5 characters, Corsica uses 2A/2B, overseas 97x. */
export const INSEE_COMMUNE_PATTERN = /^(?:\d{5}|2[AB]\d{3})$/;
/** Department code: 01–95, 2A, 2B, 971–976. */
export const DEPARTMENT_PATTERN = /^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$/;

/** Luhn checksum over a string of digits (the SIREN/SIRET key). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (digit < 0 || digit > 9) return false;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** La Poste's head-office SIRETs (SIREN 356000000) are the documented exception to the Luhn key: their digit sum is a multiple of 5. */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000')) {
    const sum = [...value].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

/** Completes 13 digits with the Luhn key digit. */
export function withLuhnKey(first13: string): string {
  for (let key = 0; key <= 9; key += 1) {
    const candidate = `${first13}${key}`;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable: one Luhn key always exists');
}

export const isRomeCode = (value: string): boolean => ROME_PATTERN.test(value);
export const isCertificationCode = (value: string): boolean => RNCP_PATTERN.test(value) || RS_PATTERN.test(value);
export const isFormacode = (value: string): boolean => FORMACODE_PATTERN.test(value);
export const isInseeCommune = (value: string): boolean => INSEE_COMMUNE_PATTERN.test(value);
export const isDepartment = (value: string): boolean => DEPARTMENT_PATTERN.test(value);

/**
 * Validators that throw BAD_USER_INPUT naming the argument and the rule — never the value given
 * (issue #12: an error message must not echo an attacker's payload). They return the normalised value.
 */
export function requireRomeCode(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!isRomeCode(code)) throw badInput(argument, `${argument} must be a ROME code (a letter A–N and 4 digits, e.g. M1805).`);
  return code;
}

export function requireSiret(value: string, argument: string): string {
  const siret = value.replace(/\s+/g, '');
  if (!isValidSiret(siret)) throw badInput(argument, `${argument} must be a SIRET: 14 digits with a valid Luhn key.`);
  return siret;
}

export function requireCertificationCode(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!isCertificationCode(code)) throw badInput(argument, `${argument} must be an RNCP or RS code (e.g. RNCP34126, RS5000).`);
  return code;
}

export function requireFormacode(value: string, argument: string): string {
  const code = value.trim();
  if (!isFormacode(code)) throw badInput(argument, `${argument} must be a 5-digit Formacode.`);
  return code;
}

export function requireInseeCommune(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!isInseeCommune(code)) throw badInput(argument, `${argument} must be an INSEE commune code (5 characters, 2A/2B for Corsica).`);
  if (!isOfficialCommune(code)) throw badInput(argument, `${argument} must be a commune of the official list (INSEE Code officiel géographique).`);
  return code;
}

export function requireDepartment(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!isDepartment(code)) throw badInput(argument, `${argument} must be a department code (01–95, 2A, 2B, 971–976).`);
  return code;
}
