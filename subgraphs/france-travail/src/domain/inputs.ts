import { badInput } from '../../../../lib/errors/index.js';
import { requireDepartment, requireInseeCommune, requireRomeCode, type PageRequest } from '../../../../lib/validation/index.js';
import { CONTRACT_TYPES, MAX_OFFER_END, MAX_OFFER_START, PUBLISHED_SINCE_DAYS, type ContractType, type JobOfferSearch } from './job-offer.js';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, type PlaceQuery } from './place.js';

/** GraphQL input shapes (what codegen gives resolvers), validated here before any upstream call. */
export interface PlaceInput {
  communeCode?: string | null;
  departmentCode?: string | null;
  radiusKm?: number | null;
}

export interface JobOfferFilterInput {
  keywords?: string | null;
  romeCodes?: readonly string[] | null;
  near?: PlaceInput | null;
  contractTypes?: readonly string[] | null;
  publishedSinceDays?: number | null;
}

export function toPlaceQuery(input: PlaceInput, argument: string): PlaceQuery {
  const { communeCode, departmentCode, radiusKm } = input;
  if (radiusKm !== null && radiusKm !== undefined && (!Number.isInteger(radiusKm) || radiusKm < 0 || radiusKm > MAX_RADIUS_KM)) {
    throw badInput(`${argument}.radiusKm`, `${argument}.radiusKm must be an integer between 0 and ${MAX_RADIUS_KM}.`);
  }
  if (communeCode && departmentCode) throw badInput(argument, `${argument} takes a communeCode or a departmentCode, not both.`);
  if (communeCode) return { kind: 'commune', communeCode: requireInseeCommune(communeCode, `${argument}.communeCode`), radiusKm: radiusKm ?? DEFAULT_RADIUS_KM };
  if (departmentCode) return { kind: 'department', departmentCode: requireDepartment(departmentCode, `${argument}.departmentCode`) };
  throw badInput(argument, `${argument} needs a communeCode or a departmentCode.`);
}

/** France Travail's own keyword rule (at most 7, each at least 2 characters), checked here so the upstream never answers 400. */
export function toKeywords(value: string | null | undefined, argument: string): string[] {
  if (value === null || value === undefined || value.trim() === '') return [];
  const words = value.split(/[\s,]+/).filter(Boolean);
  if (words.length > 7 || words.some((word) => word.length < 2)) throw badInput(argument, `${argument}: at most 7 keywords, each at least 2 characters.`);
  return words;
}

export function toOfferSearch(filter: JobOfferFilterInput): JobOfferSearch {
  const romeCodes = (filter.romeCodes ?? []).map((code) => requireRomeCode(code, 'filter.romeCodes'));
  if (romeCodes.length > 200) throw badInput('filter.romeCodes', 'filter.romeCodes takes at most 200 codes.');
  const contractTypes = (filter.contractTypes ?? []) as ContractType[];
  if (contractTypes.some((type) => type !== 'OTHER' && !(CONTRACT_TYPES as readonly string[]).includes(type))) throw badInput('filter.contractTypes', 'Unknown contract type.');
  const since = filter.publishedSinceDays ?? null;
  if (since !== null && !(PUBLISHED_SINCE_DAYS as readonly number[]).includes(since)) {
    throw badInput('filter.publishedSinceDays', `filter.publishedSinceDays must be one of ${PUBLISHED_SINCE_DAYS.join(', ')}.`);
  }
  const search: JobOfferSearch = {
    keywords: toKeywords(filter.keywords, 'filter.keywords'),
    romeCodes: [...new Set(romeCodes)],
    place: filter.near ? toPlaceQuery(filter.near, 'filter.near') : null,
    contractTypes,
    publishedSinceDays: since,
  };
  if (search.keywords.length === 0 && search.romeCodes.length === 0 && search.place === null && contractTypes.length === 0 && since === null) {
    throw badInput('filter', 'filter needs at least one criterion (keywords, romeCodes, near, contractTypes or publishedSinceDays).');
  }
  return search;
}

/** France Travail serves offsets ≤ 3000 and last indexes ≤ 3149: a page past that is refused before any call. */
export function checkOfferWindow(page: PageRequest): void {
  const last = page.offset + Math.max(page.limit, 1) - 1;
  if (page.offset > MAX_OFFER_START || last > MAX_OFFER_END) {
    throw badInput('after', `France Travail serves only the first ${MAX_OFFER_END + 1} offers of a search; narrow the filter instead of paging further.`);
  }
}

/** Offer ids are short alphanumeric codes (`132LKFB`); anything else cannot exist. */
export const isOfferId = (value: string): boolean => /^[A-Za-z0-9]{1,20}$/.test(value);
