import type { OutcomeKey, TrainingOutcomes } from '../domain/training.js';
import type { OutcomeRequestBody, OutcomeResponsePayload } from './outcomes.response.js';

/** A Formacode is sent as the activity under `FORM14`, per department (see upstreams/francetravail/README.md). */
export function toOutcomeRequest(key: OutcomeKey): OutcomeRequestBody {
  return {
    codeTypeTerritoire: 'DEP',
    codeTerritoire: key.departmentCode,
    codeTypeActivite: 'FORM14',
    codeActivite: key.formacode,
    codeTypePeriode: 'TRIMESTRE',
    codeTypeNomenclature: 'ACCESEMP',
  };
}

/** The latest period (periods sort as `YYYYTn`); null when no period carries a rate. */
export function toOutcomes(payload: OutcomeResponsePayload): TrainingOutcomes | null {
  const latest = [...payload.listeValeursParPeriode.items]
    .filter((value) => value.valeurPrincipaleTaux !== null)
    .sort((a, b) => b.codePeriode.localeCompare(a.codePeriode))[0];
  if (!latest) return null;
  return {
    returnToWorkRate: latest.valeurPrincipaleTaux,
    trainees: latest.valeurPrincipaleNombre,
    period: latest.codePeriode,
    territory: latest.libTerritoire ?? payload.libTerritoire ?? null,
  };
}
