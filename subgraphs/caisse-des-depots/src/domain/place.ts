import type { HomeCommune } from './rights.js';

/** `Place` as the graph shares it with France Travail and training-catalog. */
export interface Place {
  label: string;
  communeCode: string;
  postalCode: string | null;
  departmentCode: string;
  latitude: null;
  longitude: null;
}

/** The department of an INSEE commune code: 3 characters overseas (971–976), else 2 (2A/2B included). */
export const departmentOf = (inseeCode: string): string => (inseeCode.startsWith('97') ? inseeCode.slice(0, 3) : inseeCode.slice(0, 2));

/** The holder's commune as a Place; the CDC record has no coordinates. */
export function homePlace(home: HomeCommune): Place {
  return { label: home.label, communeCode: home.inseeCode, postalCode: home.postalCode, departmentCode: departmentOf(home.inseeCode), latitude: null, longitude: null };
}
