import { z } from 'zod';

/** One establishment of La Bonne Boîte v2 `items[]` (upstreams.md §4.1). */
export const lbbCompanySchema = z.object({
  id: z.number().optional(),
  rome: z.string(),
  siret: z.string(),
  email: z.string().optional(),
  company_name: z.string(),
  office_name: z.string().nullable().optional(),
  headcount_min: z.number().nullable().optional(),
  headcount_max: z.number().nullable().optional(),
  naf: z.string().nullable().optional(),
  naf_label: z.string().nullable().optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable().optional(),
  city: z.string().nullable().optional(),
  citycode: z.string().nullable().optional(),
  postcode: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  department_number: z.string().nullable().optional(),
  hiring_potential: z.number().nullable().optional(),
  is_high_potential: z.boolean().optional(),
});
export type LbbCompanyPayload = z.infer<typeof lbbCompanySchema>;

/** `GET /labonneboite/v2/recherche` and (simulator shape) `/potentielEmbauche` body. */
export const lbbSearchSchema = z.object({ hits: z.number().int(), items: z.array(lbbCompanySchema) });
export type LbbSearchPayload = z.infer<typeof lbbSearchSchema>;

/** 422 validation error, FastAPI style. */
export const lbbErrorSchema = z.object({ detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string() })) });
