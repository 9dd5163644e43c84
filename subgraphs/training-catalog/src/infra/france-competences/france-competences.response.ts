import { z } from 'zod';

/**
 * France Compétences RNCP/RS export: ten `;`-separated CSVs joined on `Numero_Fiche`
 * (upstreams.md §7). Cells are raw strings; empty cells are `''`. The quirks (TAB before SIRETs,
 * doubled apostrophes in the Rome file, dd/MM/yyyy dates) are undone by the mapper.
 */
const cell = z.string();

export const fcStandardRowSchema = z.object({
  Id_Fiche: cell,
  Numero_Fiche: cell,
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
  Actif: z.enum(['ACTIVE', 'INACTIVE']),
});
export const fcCertificateurRowSchema = z.object({ Numero_Fiche: cell, Siret_Certificateur: cell, Nom_Certificateur: cell });
export const fcPartenaireRowSchema = z.object({ Numero_Fiche: cell, Nom_Partenaire: cell, Siret_Partenaire: cell, Habilitation_Partenaire: cell });
export const fcRomeRowSchema = z.object({ Numero_Fiche: cell, Codes_Rome_Code: cell, Codes_Rome_Libelle: cell });
export const fcFormacodeRowSchema = z.object({ Numero_Fiche: cell, Formacode_Code: cell, Formacode_Libelle: cell });
export const fcNsfRowSchema = z.object({ Numero_Fiche: cell, Nsf_Code: cell, Nsf_Intitule: cell });
export const fcBlocRowSchema = z.object({ Numero_Fiche: cell, Bloc_Competences_Code: cell, Bloc_Competences_Libelle: cell });
export const fcCcnRowSchema = z.object({ Numero_Fiche: cell, Ccn_1_Numero: cell, Ccn_1_Libelle: cell, Ccn_2_Numero: cell, Ccn_2_Libelle: cell, Ccn_3_Numero: cell, Ccn_3_Libelle: cell });
export const fcAncienneNouvelleRowSchema = z.object({ Numero_Fiche: cell, Ancienne_Certification: cell, Nouvelle_Certification: cell });
export const fcVoieAccesRowSchema = z.object({ Numero_Fiche: cell, Si_Jury: cell });

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

/** The simulator's listing of the current export (`GET /exports/index.json`). */
export const fcIndexSchema = z.object({
  dataset: z.string(),
  date: z.string(),
  files: z.array(z.object({ kind: z.string(), name: z.string(), path: z.string() })),
});
export type FcIndex = z.infer<typeof fcIndexSchema>;
