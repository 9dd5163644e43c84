import type { Company } from '../domain/company.js';
import { DEFAULT_RADIUS_KM, type PlaceQuery } from '../domain/place.js';
import type { LbbCompanyPayload } from './lbb.response.js';

export const LBB_COMPANY_URL = 'https://labonneboite.francetravail.fr/entreprise/';

function headcountOf(min: number | null, max: number | null): string | null {
  if (min === null) return null;
  if (max === null || max <= min) return String(min);
  return `${min}-${max}`;
}

export function toCompany(item: LbbCompanyPayload): Company {
  return {
    siret: item.siret,
    name: item.office_name || item.company_name,
    nafCode: item.naf,
    nafLabel: item.naf_label,
    location: item.city
      ? {
          label: item.city,
          communeCode: item.citycode,
          postalCode: item.postcode,
          departmentCode: item.department_number,
          latitude: item.location?.lat ?? null,
          longitude: item.location?.lon ?? null,
        }
      : null,
    headcount: headcountOf(item.headcount_min, item.headcount_max),
    hiringPotential: item.hiring_potential,
    url: `${LBB_COMPANY_URL}${item.siret}`,
  };
}

/** `/recherche` query: `rome` plus a location (mandatory upstream), page numbers from 1. */
export function toLbbQuery(romeCode: string, near: PlaceQuery, page: number, pageSize: number): Record<string, string | undefined> {
  return {
    rome: romeCode,
    ...(near.kind === 'commune'
      ? { citycode: near.communeCode, distance: String(near.radiusKm ?? DEFAULT_RADIUS_KM) }
      : { department_number: near.departmentCode }),
    page: String(page),
    page_size: String(pageSize),
  };
}

/** One item per (company, ROME): a company hiring for several ROMEs appears once. */
export function distinctCompanies(items: readonly LbbCompanyPayload[]): Company[] {
  const seen = new Map<string, Company>();
  for (const item of items) if (!seen.has(item.siret)) seen.set(item.siret, toCompany(item));
  return [...seen.values()];
}
