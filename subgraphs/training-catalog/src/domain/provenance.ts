import { dayStart, operatorDateTime, type Provenance } from '../../../../lib/provenance/record.js';
import type { CertificationExport } from './catalog-index.js';
import type { Certification } from './certification.js';
import type { Training } from './training.js';

/** Operator names as `extensions.sources` writes them. */
const CARIF_OREF = 'carif-oref';
const FRANCE_COMPETENCES = 'france-competences';

/** A training's Carif-Oref record: formation number, regional LHEO feed, its `datemaj`. */
export function trainingProvenance(training: Training): Provenance {
  return {
    operator: CARIF_OREF,
    recordId: training.id,
    dataset: training.source.feedUrl ?? 'Carif-Oref LHEO feed',
    region: training.source.region,
    url: null,
    updatedAt: dayStart(training.source.updatedOn),
  };
}

/** A certification's France Compétences sheet: its number, the export it was read from and that export's date, its public page. */
export function certificationProvenance(certification: Certification, exported: CertificationExport | null): Provenance {
  const number = /\d+$/.exec(certification.code)?.[0] ?? '';
  return {
    operator: FRANCE_COMPETENCES,
    recordId: certification.code,
    dataset: exported?.url ?? 'France Compétences RNCP/RS export',
    region: null,
    url: `https://www.francecompetences.fr/recherche/${certification.kind.toLowerCase()}/${number}/`,
    updatedAt: operatorDateTime(exported?.exportedAt),
  };
}
