import type { McfPartialRow } from '../../../../../lib/contracts/mcf.response.js';

/** Columns read from the MCF catalogue: enough to tell which (provider, certification) pairs are CPF-eligible. */
export const MCF_ELIGIBILITY_COLUMNS = ['siret', 'type_referentiel', 'code_rncp', 'code_inventaire', 'code_certifinfo'] as const;

/** The merge key of a training and an MCF row: provider SIRET + certification code (prefixed). */
export const eligibilityKey = (siret: string, certificationCode: string): string => `${siret}|${certificationCode}`;

export interface McfEligibility {
  keys: Set<string>;
  /** Certif Info numbers by certification code (the France Compétences export has none). */
  certifInfo: Map<string, string>;
  rejected: number;
}

/** `code_rncp` / `code_inventaire` hold bare numbers (the prefix is UNCONFIRMED, so both forms are read). */
export function certificationCodeOf(row: McfPartialRow): string | null {
  const rncp = /^(?:RNCP)?(\d{1,6})$/i.exec(row.code_rncp?.trim() ?? '');
  const rs = /^(?:RS)?(\d{1,6})$/i.exec(row.code_inventaire?.trim() ?? '');
  if (row.type_referentiel === 'RS' && rs) return `RS${Number(rs[1])}`;
  if (rncp) return `RNCP${Number(rncp[1])}`;
  return rs ? `RS${Number(rs[1])}` : null;
}

export function mapEligibility(rows: readonly McfPartialRow[]): McfEligibility {
  const keys = new Set<string>();
  const certifInfo = new Map<string, string>();
  let rejected = 0;
  for (const row of rows) {
    const code = certificationCodeOf(row);
    const siret = row.siret?.trim();
    if (!code || !siret) {
      rejected += 1;
      continue;
    }
    keys.add(eligibilityKey(siret, code));
    if (row.code_certifinfo && !certifInfo.has(code)) certifInfo.set(code, row.code_certifinfo);
  }
  return { keys, certifInfo, rejected };
}
