import { z } from 'zod';
import { lenientBoolean, lenientList, lenientObject, lenientText, requiredText, tolerantList } from '../../../../lib/http/index.js';

/**
 * ROME 4.0 (upstreams.md §3). Essential: a code and a label; the rest is lenient (the collected
 * fiches have competences without `type`). The métier carries no mobility links (labonnealternance's
 * strict ZRomeDetail has no `metiersEnProximite`): those come from the ROME open-data archive
 * (rome-mobility.repository.ts).
 */
const codeLabel = z.object({ code: requiredText, libelle: requiredText });
const skillSchema = z.object({ type: lenientText, code: requiredText, libelle: requiredText });

/** `GET /rome-metiers/v1/metiers/metier` (with `champs=code,libelle[,appellations(libelle)]`). */
export const metierListSchema = tolerantList(
  z.object({ code: requiredText, libelle: requiredText, appellations: lenientList(z.object({ libelle: requiredText })) }),
);
export type MetierListPayload = z.infer<typeof metierListSchema>;

/** `GET /rome-metiers/v1/metiers/metier/{code}` (upstreams.md §3.1). */
export const metierSchema = z.object({
  obsolete: lenientBoolean,
  code: requiredText,
  libelle: requiredText,
  definition: lenientText,
  accesEmploi: lenientText,
  domaineProfessionnel: lenientObject(z.object({ code: lenientText, libelle: lenientText, grandDomaine: lenientObject(codeLabel) })),
  appellations: lenientList(z.object({ code: requiredText, libelle: requiredText, libelleCourt: lenientText })),
  competencesMobilisees: lenientList(skillSchema),
  formacodes: lenientList(codeLabel),
});
export type MetierPayload = z.infer<typeof metierSchema>;

/** `GET /rome-fiches-metiers/v1/fiches-rome/fiche-metier/{code}` (upstreams.md §3.2). A bad competence is dropped and counted. */
export const ficheMetierSchema = z.object({
  code: requiredText,
  obsolete: lenientBoolean,
  metier: lenientObject(codeLabel),
  groupesCompetencesMobilisees: lenientList(z.object({ enjeu: lenientObject(z.object({ code: lenientText, libelle: lenientText })), competences: tolerantList(skillSchema) })),
  groupesSavoirs: lenientList(z.object({ categorieSavoirs: lenientObject(codeLabel), savoirs: lenientList(codeLabel) })),
});
export type FicheMetierPayload = z.infer<typeof ficheMetierSchema>;

/** `GET /rome-fiches-metiers/v1/fiches-rome/fiche-metier` (list). */
export const ficheListSchema = tolerantList(z.object({ code: requiredText, metier: lenientObject(codeLabel) }));
