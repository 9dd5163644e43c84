import { badInput } from '../../../../lib/errors/index.js';
import { requireCertificationCode, requireDepartment, requireFormacode, requireInseeCommune } from '../../../../lib/validation/index.js';
import type { PlaceCriterion, TrainingCriteria } from '../domain/catalog-index.js';
import type { PlaceInput, TrainingFilter } from '../generated/resolvers.js';
import type { References } from '../infra/reference/references.js';

export const MAX_RADIUS_KM = 200;
const MAX_FORMACODES = 20;
const MAX_TEXT = 200;

/** Arguments are checked here, before any lookup: a bad one is BAD_USER_INPUT naming it. */
export function placeCriterion(input: PlaceInput, argument: string, references: References): PlaceCriterion {
  const commune = input.communeCode ?? null;
  const department = input.departmentCode ?? null;
  if ((commune === null) === (department === null)) throw badInput(argument, `${argument} needs exactly one of communeCode or departmentCode.`);
  const radius = input.radiusKm ?? 0;
  if (!Number.isInteger(radius) || radius < 0 || radius > MAX_RADIUS_KM) {
    throw badInput(`${argument}.radiusKm`, `${argument}.radiusKm must be an integer from 0 to ${MAX_RADIUS_KM}.`);
  }
  if (department !== null) return { kind: 'department', code: requireDepartment(department, `${argument}.departmentCode`) };
  const code = requireInseeCommune(commune as string, `${argument}.communeCode`);
  // A well-formed code that is not a current commune matches nothing rather than failing.
  const location = references.communeByInsee.get(code);
  return { kind: 'commune', code, latitude: location?.latitude ?? null, longitude: location?.longitude ?? null, radiusKm: radius };
}

export function trainingCriteria(filter: TrainingFilter, references: References): TrainingCriteria {
  const criteria: TrainingCriteria = {};
  if (filter.keywords != null) {
    if (filter.keywords.length > MAX_TEXT) throw badInput('filter.keywords', `filter.keywords must be at most ${MAX_TEXT} characters.`);
    criteria.keywords = filter.keywords;
  }
  if (filter.formacodes != null) {
    if (filter.formacodes.length > MAX_FORMACODES) throw badInput('filter.formacodes', `filter.formacodes takes at most ${MAX_FORMACODES} codes.`);
    criteria.formacodes = filter.formacodes.map((code) => requireFormacode(code, 'filter.formacodes'));
  }
  if (filter.certificationCode != null) criteria.certificationCode = requireCertificationCode(filter.certificationCode, 'filter.certificationCode');
  if (filter.near != null) criteria.near = placeCriterion(filter.near, 'filter.near', references);
  if (filter.startAfter != null) criteria.startAfter = isoDate(filter.startAfter, 'filter.startAfter');
  if (filter.modality != null) criteria.modality = filter.modality;
  if (filter.cpfEligibleOnly === true) criteria.cpfEligibleOnly = true;
  return criteria;
}

export function isoDate(value: string, argument: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(`${match[0]}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[0]) {
    throw badInput(argument, `${argument} must be a date YYYY-MM-DD.`);
  }
  return match[0];
}

/** Training ids are Carif-Oref formation numbers: letters, digits, `_`, `-`. */
export function trainingId(value: string, argument: string): string {
  const id = value.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw badInput(argument, `${argument} must be a training id (letters, digits, _ and -).`);
  return id;
}

export function searchText(value: string, argument: string): string {
  const text = value.trim();
  if (text.length < 2 || text.length > MAX_TEXT) throw badInput(argument, `${argument} must be 2 to ${MAX_TEXT} characters.`);
  return text;
}
