import { z } from 'zod';
import { lenientNumber, lenientText, requiredText, tolerantList } from '../../../../lib/http/index.js';

/** Request body of `stat-acces-emploi-sorties-formation` (upstreams.md §4.3). */
export interface OutcomeRequestBody {
  codeTypeTerritoire: 'DEP';
  codeTerritoire: string;
  codeTypeActivite: 'FORM14' | 'ROME';
  codeActivite: string;
  codeTypePeriode: 'TRIMESTRE';
  codeTypeNomenclature: 'ACCESEMP';
}

/** One period's figures; essential: `codePeriode` (rates may be null or strings). */
const periodSchema = z.object({
  codePeriode: requiredText,
  libPeriode: lenientText,
  codeTypeTerritoire: lenientText,
  codeTerritoire: lenientText,
  libTerritoire: lenientText,
  valeurPrincipaleTaux: lenientNumber,
  valeurPrincipaleNombre: lenientNumber,
  valeurPrincipaleDecimale: lenientNumber,
  valeurPrincipalePourcentage: lenientNumber,
  valeurSecondaireTaux: lenientNumber,
  valeurSecondairePourcentage: lenientNumber,
});

export const outcomeResponseSchema = z.object({
  libIndicateur: lenientText,
  libTerritoire: lenientText,
  listeValeursParPeriode: tolerantList(periodSchema),
});
export type OutcomeResponsePayload = z.infer<typeof outcomeResponseSchema>;
