import { z } from 'zod';

/** Request body of `stat-acces-emploi-sorties-formation` (upstreams.md §4.3). */
export interface OutcomeRequestBody {
  codeTypeTerritoire: 'DEP';
  codeTerritoire: string;
  codeTypeActivite: 'FORM14' | 'ROME';
  codeActivite: string;
  codeTypePeriode: 'TRIMESTRE';
  codeTypeNomenclature: 'ACCESEMP';
}

const nullableNumber = z.number().nullable().optional();

export const outcomeResponseSchema = z.object({
  libIndicateur: z.string().optional(),
  libTerritoire: z.string().optional(),
  listeValeursParPeriode: z.array(
    z.object({
      codePeriode: z.string(),
      libPeriode: z.string().nullable().optional(),
      codeTypeTerritoire: z.string().optional(),
      codeTerritoire: z.string().optional(),
      libTerritoire: z.string().nullable().optional(),
      valeurPrincipaleTaux: nullableNumber,
      valeurPrincipaleNombre: nullableNumber,
      valeurPrincipaleDecimale: nullableNumber,
      valeurPrincipalePourcentage: nullableNumber,
      valeurSecondaireTaux: nullableNumber,
      valeurSecondairePourcentage: nullableNumber,
    }),
  ),
});
export type OutcomeResponsePayload = z.infer<typeof outcomeResponseSchema>;
