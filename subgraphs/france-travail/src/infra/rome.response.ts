import { z } from 'zod';

const codeLabel = z.object({ code: z.string(), libelle: z.string() });
const skillSchema = z.object({ type: z.string(), code: z.string(), libelle: z.string() });

/** `GET /rome-metiers/v1/metiers/metier` (with `champs=code,libelle`). */
export const metierListSchema = z.array(codeLabel);
export type MetierListPayload = z.infer<typeof metierListSchema>;

/**
 * `GET /rome-metiers/v1/metiers/metier/{code}` (upstreams.md §3.1). `metiersEnProximite` items are
 * not on record; they are read as `{code, libelle}` (the shape of every other ROME reference).
 */
export const metierSchema = z.object({
  obsolete: z.boolean().optional(),
  code: z.string(),
  libelle: z.string(),
  definition: z.string().nullable().optional(),
  accesEmploi: z.string().nullable().optional(),
  domaineProfessionnel: z.object({ code: z.string(), libelle: z.string(), grandDomaine: codeLabel }).optional(),
  appellations: z.array(z.object({ code: z.string(), libelle: z.string(), libelleCourt: z.string().nullable().optional() })).default([]),
  competencesMobilisees: z.array(skillSchema).default([]),
  formacodes: z.array(codeLabel).default([]),
  metiersEnProximite: z.array(codeLabel).default([]),
});
export type MetierPayload = z.infer<typeof metierSchema>;

/** `GET /rome-fiches-metiers/v1/fiches-rome/fiche-metier/{code}` (upstreams.md §3.2). */
export const ficheMetierSchema = z.object({
  code: z.string(),
  obsolete: z.boolean().optional(),
  metier: codeLabel,
  groupesCompetencesMobilisees: z.array(z.object({ enjeu: codeLabel, competences: z.array(skillSchema) })).default([]),
  groupesSavoirs: z.array(z.object({ categorieSavoirs: codeLabel, savoirs: z.array(codeLabel) })).optional(),
});
export type FicheMetierPayload = z.infer<typeof ficheMetierSchema>;

/** `GET /rome-fiches-metiers/v1/fiches-rome/fiche-metier` (list). */
export const ficheListSchema = z.array(z.object({ code: z.string(), metier: codeLabel }));
