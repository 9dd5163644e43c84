export type CertificationKind = 'RNCP' | 'RS';

export interface Certifier {
  siret: string | null;
  name: string;
}

export interface SkillBlock {
  code: string;
  label: string;
}

/** A France Compétences fiche (RNCP or RS), joined from the ten CSVs of the export. */
export interface Certification {
  /** `RNCP34126`, `RS5000`: prefix included, as France Compétences writes `Numero_Fiche`. */
  code: string;
  kind: CertificationKind;
  title: string;
  /** EU level 3–8 (RNCP only); null for RS and for `REPRISE`. */
  level: number | null;
  active: boolean;
  /** Certif Info number, taken from the Carif-Oref and MCF catalogues (the export has none). */
  certifInfo: string | null;
  certifiers: Certifier[];
  skillBlocks: SkillBlock[];
  romeCodes: string[];
  formacodes: string[];
  /** Registration end, ISO date. */
  endDate: string | null;
}

/** `RNCP`/`RS` prefix of a code; null for anything else. */
export function kindOfCode(code: string): CertificationKind | null {
  if (/^RNCP\d+$/.test(code)) return 'RNCP';
  if (/^RS\d+$/.test(code)) return 'RS';
  return null;
}
