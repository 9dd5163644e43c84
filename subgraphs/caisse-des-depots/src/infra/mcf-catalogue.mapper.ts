import type { McfPartialRow } from '../../../../lib/contracts/mcf.response.js';
import { eligibilityKey, type EligibilityKey } from '../domain/catalogue.js';

/**
 * Whether `code_rncp` / `code_inventaire` carry their `RNCP` / `RS` prefix is UNCONFIRMED
 * (upstreams.md §5.1): queries send bare digits, rows are read either way.
 */
const digitsOf = (code: string): string => code.replace(/^(RNCP|RS)/i, '');

/** The ODSQL clause matching one key (values are validated codes: digits only, no quoting issue). */
export function whereClause(key: EligibilityKey): string {
  const column = key.certificationCode.startsWith('RNCP') ? 'code_rncp' : 'code_inventaire';
  return `(siret="${key.siret}" AND ${column}="${digitsOf(key.certificationCode)}")`;
}

/** The key a catalogue row stands for, or undefined when it has no certification. */
export function keyOfRow(row: McfPartialRow): string | undefined {
  if (!row.siret) return undefined;
  if (row.code_rncp) return eligibilityKey({ siret: row.siret, certificationCode: `RNCP${digitsOf(row.code_rncp)}` });
  if (row.code_inventaire) return eligibilityKey({ siret: row.siret, certificationCode: `RS${digitsOf(row.code_inventaire)}` });
  return undefined;
}
