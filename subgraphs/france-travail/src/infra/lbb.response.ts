import { z } from 'zod';
import { lenientBoolean, lenientNumber, lenientObject, lenientText, requiredText, tolerantList } from '../../../../lib/http/index.js';

/**
 * One establishment of La Bonne Boîte v2 `items[]` (upstreams.md §4.1). Essential: `siret` and
 * `company_name`; `rome` is absent from some answers (immersion-facile's builder), `email` is
 * `"yes"` in one and an address in another, the coordinates may be missing.
 */
export const lbbCompanySchema = z.object({
  id: lenientNumber,
  rome: lenientText,
  siret: requiredText,
  email: lenientText,
  company_name: requiredText,
  office_name: lenientText,
  headcount_min: lenientNumber,
  headcount_max: lenientNumber,
  naf: lenientText,
  naf_label: lenientText,
  location: lenientObject(z.object({ lat: lenientNumber, lon: lenientNumber })),
  city: lenientText,
  citycode: lenientText,
  postcode: lenientText,
  department: lenientText,
  region: lenientText,
  department_number: lenientText,
  hiring_potential: lenientNumber,
  is_high_potential: lenientBoolean,
});
export type LbbCompanyPayload = z.infer<typeof lbbCompanySchema>;

/** `GET /labonneboite/v2/recherche` and (simulator shape) `/potentielEmbauche` body; `hits` may be absent (items only). */
export const lbbSearchSchema = z.object({ hits: lenientNumber, items: tolerantList(lbbCompanySchema) });
export type LbbSearchPayload = z.infer<typeof lbbSearchSchema>;

/** 422 validation error, FastAPI style. */
export const lbbErrorSchema = z.object({ detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string() })) });
