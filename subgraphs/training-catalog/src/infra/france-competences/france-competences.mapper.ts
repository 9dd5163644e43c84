import { isValidSiret } from '../../../../../lib/validation/codes.js';
import { kindOfCode, type Certification } from '../../domain/certification.js';
import type { FcFileKind, FcRow } from './france-competences.response.js';

export type FcExport = { [K in FcFileKind]: FcRow<K>[] };

export interface MappedExport {
  certifications: Certification[];
  /** Standard rows skipped (unknown code prefix, no title, a repeated fiche). */
  rejected: number;
  /** Skipped Standard rows by reason. */
  reasons: Partial<Record<'UNKNOWN_CODE' | 'MISSING_TITLE' | 'DUPLICATE', number>>;
}

/** Joins the ten files on `Numero_Fiche` into certifications. */
export function mapExport(files: FcExport): MappedExport {
  const byCode = <R extends { Numero_Fiche: string }>(rows: R[]): Map<string, R[]> => {
    const out = new Map<string, R[]>();
    for (const row of rows) {
      const code = row.Numero_Fiche.trim();
      const list = out.get(code);
      if (list) list.push(row);
      else out.set(code, [row]);
    }
    return out;
  };
  const certifiers = byCode(files.certificateurs);
  const romes = byCode(files.rome);
  const formacodes = byCode(files.formacode);
  const blocks = byCode(files.blocs);
  const certifications: Certification[] = [];
  let rejected = 0;
  const reasons: MappedExport['reasons'] = {};
  const seen = new Set<string>();
  for (const row of files.standard) {
    const code = row.Numero_Fiche.trim().toUpperCase();
    const kind = kindOfCode(code);
    const title = row.Intitule.trim();
    const reason = !kind ? 'UNKNOWN_CODE' : !title ? 'MISSING_TITLE' : seen.has(code) ? 'DUPLICATE' : undefined;
    if (reason || !kind) {
      rejected += 1;
      reasons[reason ?? 'UNKNOWN_CODE'] = (reasons[reason ?? 'UNKNOWN_CODE'] ?? 0) + 1;
      continue;
    }
    seen.add(code);
    certifications.push({
      code,
      kind,
      title,
      level: level(row.Nomenclature_Europe_Niveau),
      active: row.Actif === 'ACTIVE',
      certifInfo: null,
      certifiers: (certifiers.get(code) ?? []).map((item) => ({ siret: siret(item.Siret_Certificateur), name: item.Nom_Certificateur.trim() })),
      skillBlocks: (blocks.get(code) ?? []).map((item) => ({ code: item.Bloc_Competences_Code.trim(), label: item.Bloc_Competences_Libelle.trim() })),
      romeCodes: unique((romes.get(code) ?? []).map((item) => item.Codes_Rome_Code.trim().toUpperCase()).filter((rome) => /^[A-N]\d{4}$/.test(rome))),
      formacodes: unique((formacodes.get(code) ?? []).map((item) => item.Formacode_Code.trim()).filter((formacode) => /^\d{5}$/.test(formacode))),
      endDate: frenchDate(row.Date_Fin_Enregistrement),
    });
  }
  return { certifications, rejected, reasons };
}

/** ROME labels come with doubled apostrophes (`d''affaires`) in the Rome file. */
export const romeLabel = (value: string): string => value.replace(/''/g, "'").trim();

/** SIRET cells start with a TAB (spreadsheet protection); a value that is not a valid SIRET is dropped. */
export function siret(value: string): string | null {
  const digits = value.replace(/[\t\s]/g, '');
  return isValidSiret(digits) ? digits : null;
}

/** `NIV3`…`NIV8`; `REPRISE` and empty (RS) have no level. */
function level(value: string): number | null {
  const match = /^NIV([1-8])$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

/** `dd/MM/yyyy` → ISO; empty or malformed → null. */
export function frenchDate(value: string): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];
