import { z } from 'zod';
import { lenientText, requiredText, tolerantList } from '../../../../../lib/http/index.js';

/**
 * France Compétences RNCP/RS export: ten `;`-separated CSVs joined on `Numero_Fiche`
 * (upstreams.md §7). Cells are raw strings; empty cells are `''`. The quirks (TAB before SIRETs,
 * doubled apostrophes in the Rome file, dd/MM/yyyy dates) are undone by the mapper. Essential:
 * `Numero_Fiche` (the join key; in Standard, `Intitule` too, checked by the mapper); a column a
 * row lacks reads as `''`, so a new or missing column never drops a fiche.
 */
const key = z.string().trim().min(1);
const cell = z.string().catch('');

export const fcStandardRowSchema = z.object({
  Id_Fiche: cell,
  Numero_Fiche: key,
  Intitule: cell,
  Abrege_Libelle: cell,
  Abrege_Intitule: cell,
  Nomenclature_Europe_Niveau: cell,
  Nomenclature_Europe_Intitule: cell,
  Accessible_Nouvelle_Caledonie: cell,
  Accessible_Polynesie_Francaise: cell,
  Date_dernier_jo: cell,
  Date_Decision: cell,
  Date_Fin_Enregistrement: cell,
  Date_Effet: cell,
  Type_Enregistrement: cell,
  Validation_Partielle: cell,
  /** `ACTIVE` / `INACTIVE`; anything else reads as inactive. */
  Actif: cell,
});
export const fcCertificateurRowSchema = z.object({ Numero_Fiche: key, Siret_Certificateur: cell, Nom_Certificateur: cell });
export const fcPartenaireRowSchema = z.object({ Numero_Fiche: key, Nom_Partenaire: cell, Siret_Partenaire: cell, Habilitation_Partenaire: cell });
export const fcRomeRowSchema = z.object({ Numero_Fiche: key, Codes_Rome_Code: cell, Codes_Rome_Libelle: cell });
export const fcFormacodeRowSchema = z.object({ Numero_Fiche: key, Formacode_Code: cell, Formacode_Libelle: cell });
export const fcNsfRowSchema = z.object({ Numero_Fiche: key, Nsf_Code: cell, Nsf_Intitule: cell });
export const fcBlocRowSchema = z.object({ Numero_Fiche: key, Bloc_Competences_Code: cell, Bloc_Competences_Libelle: cell });
export const fcCcnRowSchema = z.object({ Numero_Fiche: key, Ccn_1_Numero: cell, Ccn_1_Libelle: cell, Ccn_2_Numero: cell, Ccn_2_Libelle: cell, Ccn_3_Numero: cell, Ccn_3_Libelle: cell });
export const fcAncienneNouvelleRowSchema = z.object({ Numero_Fiche: key, Ancienne_Certification: cell, Nouvelle_Certification: cell });
export const fcVoieAccesRowSchema = z.object({ Numero_Fiche: key, Si_Jury: cell });

/** Each file's kind, the pattern its name matches (accents may arrive mojibake'd) and its row schema. */
export const FC_FILES = {
  standard: { pattern: /_Standard_/i, schema: fcStandardRowSchema },
  certificateurs: { pattern: /_Certificateurs_/i, schema: fcCertificateurRowSchema },
  partenaires: { pattern: /_Partenaires_/i, schema: fcPartenaireRowSchema },
  rome: { pattern: /_Rome_/i, schema: fcRomeRowSchema },
  formacode: { pattern: /_Formacode_/i, schema: fcFormacodeRowSchema },
  nsf: { pattern: /_Nsf_/i, schema: fcNsfRowSchema },
  blocs: { pattern: /_Blocs_De_Comp/i, schema: fcBlocRowSchema },
  ccn: { pattern: /_CCN_/i, schema: fcCcnRowSchema },
  ancienneNouvelle: { pattern: /_Ancienne_Nouvelle_Certification_/i, schema: fcAncienneNouvelleRowSchema },
  voiesAcces: { pattern: /_Voix.*Acc/i, schema: fcVoieAccesRowSchema },
} as const;

export type FcFileKind = keyof typeof FC_FILES;
export type FcRow<K extends FcFileKind> = z.infer<(typeof FC_FILES)[K]['schema']>;

/**
 * data.gouv.fr dataset API (`GET /api/1/datasets/<id>/`): only what picks the export — each
 * resource's URL, format and dates. A resource without a URL is dropped.
 */
export const fcResourceSchema = z.object({
  id: lenientText,
  title: lenientText,
  url: requiredText,
  format: lenientText,
  last_modified: lenientText,
  created_at: lenientText,
});
export type FcResource = z.infer<typeof fcResourceSchema>;

export const fcDatasetSchema = z.object({ id: lenientText, title: lenientText, resources: tolerantList(fcResourceSchema) });

/** The most recent zip resource (by `last_modified`, else `created_at`): the current export. */
export function latestZip(resources: readonly FcResource[]): FcResource | undefined {
  const zips = resources.filter((resource) => resource.format?.toLowerCase() === 'zip' || /\.zip(?:$|\?)/i.test(resource.url));
  const date = (resource: FcResource) => resource.last_modified ?? resource.created_at ?? '';
  return [...zips].sort((a, b) => date(b).localeCompare(date(a)))[0];
}
