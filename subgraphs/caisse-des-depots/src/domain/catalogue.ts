/**
 * A (provider SIRET, certification code) pair: what makes a training purchasable with the CPF
 * (listed in the Mon Compte Formation catalogue).
 */
export interface EligibilityKey {
  siret: string;
  /** RNCP or RS code with its prefix (`RNCP34126`, `RS5000`). */
  certificationCode: string;
}

export const eligibilityKey = (key: EligibilityKey): string => `${key.siret}|${key.certificationCode}`;

export function parseEligibilityKey(value: string): EligibilityKey {
  const [siret = '', certificationCode = ''] = value.split('|');
  return { siret, certificationCode };
}

/**
 * Read side of the MCF catalogue: for each key string, whether at least one listed training
 * matches, or the Error that kept it from being known (it fails only that key).
 */
export interface CatalogueRepository {
  listed(keys: readonly string[]): Promise<Map<string, boolean | Error>>;
}
