/** A located place, as the graph's `Place` type shows it. */
export interface Place {
  label: string;
  communeCode: string | null;
  postalCode: string | null;
  departmentCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Where to search: a commune with a radius, or a department (validated `PlaceInput`). */
export type PlaceQuery = { kind: 'commune'; communeCode: string; radiusKm: number } | { kind: 'department'; departmentCode: string };

/** France Travail's default radius around a commune, in km. */
export const DEFAULT_RADIUS_KM = 10;
export const MAX_RADIUS_KM = 200;
