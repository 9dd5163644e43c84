import type { Logger } from '../../../../../lib/logging/index.js';
import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { CatalogIndex } from '../../domain/catalog-index.js';
import type { Certification } from '../../domain/certification.js';
import type { Training } from '../../domain/training.js';
import { mapExport } from '../france-competences/france-competences.mapper.js';
import { readFranceCompetencesExport } from '../france-competences/france-competences.repository.js';
import { readCarifOrefFeed, type FeedStats } from '../lheo/carif-oref.repository.js';
import { mapFormation, type Rejection } from '../lheo/lheo.mapper.js';
import { eligibilityKey, mapEligibility } from '../mcf/mcf.mapper.js';
import { readMcfCatalogue } from '../mcf/mcf.repository.js';
import type { References } from '../reference/references.js';
import { indexSize, ingestedRecords } from './ingestion.metrics.js';

export interface CatalogClients {
  carifOref: UpstreamClient;
  franceCompetences: UpstreamClient;
  mcf: UpstreamClient;
}

export interface IngestionCounts {
  formationsRead: number;
  trainings: number;
  formationsSkipped: Partial<Record<Rejection | 'DUPLICATE', number>>;
  feedPages: number;
  feedPagesFailed: number;
  certifications: number;
  certificationRowsSkipped: number;
  mcfRows: number;
  mcfRowsSkipped: number;
  cpfEligible: number;
  providers: number;
}

/**
 * One full ingestion: the three sources are read (France Compétences and MCF in parallel with the
 * LHEO feed), malformed records are skipped and counted, and a new index is built. Any source
 * failing as a whole fails the ingestion: the caller keeps serving the previous index.
 */
export async function ingestCatalog(clients: CatalogClients, references: References, logger: Logger): Promise<{ index: CatalogIndex; counts: IngestionCounts }> {
  const fcPromise = readFranceCompetencesExport(clients.franceCompetences);
  const mcfPromise = readMcfCatalogue(clients.mcf);
  // Both are awaited below; until then a rejection must not surface as unhandled.
  fcPromise.catch(() => undefined);
  mcfPromise.catch(() => undefined);

  const stats: FeedStats = { pages: 0, pagesFailed: 0 };
  const trainings = new Map<string, Training>();
  const skipped: IngestionCounts['formationsSkipped'] = {};
  let formationsRead = 0;
  for await (const formation of readCarifOrefFeed(clients.carifOref, stats)) {
    formationsRead += 1;
    const mapped = mapFormation(formation);
    const outcome = !mapped.ok ? mapped.reason : trainings.has(mapped.training.id) ? 'DUPLICATE' : 'accepted';
    ingestedRecords.inc({ source: 'carif-oref', outcome });
    if (outcome !== 'accepted') {
      skipped[outcome] = (skipped[outcome] ?? 0) + 1;
      continue;
    }
    if (mapped.ok) trainings.set(mapped.training.id, mapped.training);
  }

  const fc = await fcPromise;
  const mapped = mapExport(fc.files);
  ingestedRecords.inc({ source: 'france-competences', outcome: 'accepted' }, mapped.certifications.length);
  ingestedRecords.inc({ source: 'france-competences', outcome: 'skipped' }, mapped.rejected + fc.rejectedRows);

  const mcfRows = await mcfPromise;
  const eligibility = mapEligibility(mcfRows);
  ingestedRecords.inc({ source: 'mcf', outcome: 'accepted' }, mcfRows.length - eligibility.rejected);
  ingestedRecords.inc({ source: 'mcf', outcome: 'skipped' }, eligibility.rejected);

  const certifInfo = new Map(eligibility.certifInfo);
  const romesByCertification = new Map(mapped.certifications.map((certification) => [certification.code, certification.romeCodes]));
  let cpfEligible = 0;
  for (const training of trainings.values()) {
    if (!training.certificationCode) continue;
    // A training leads to the occupations of the certification it prepares, whether the feed lists them or not.
    training.romeCodes = [...new Set([...training.romeCodes, ...(romesByCertification.get(training.certificationCode) ?? [])])];
    if (training.certifInfo) certifInfo.set(training.certificationCode, training.certifInfo);
    training.cpfEligible = eligibility.keys.has(eligibilityKey(training.provider.siret, training.certificationCode));
    if (training.cpfEligible) cpfEligible += 1;
  }
  const certifications: Certification[] = mapped.certifications.map((certification) => ({
    ...certification,
    certifInfo: certifInfo.get(certification.code) ?? null,
  }));

  const index = new CatalogIndex({ trainings: [...trainings.values()], certifications, formacodeChildren: references.formacodeChildren });
  const size = index.size;
  indexSize.set({ kind: 'trainings' }, size.trainings);
  indexSize.set({ kind: 'certifications' }, size.certifications);
  indexSize.set({ kind: 'providers' }, size.providers);
  const counts: IngestionCounts = {
    formationsRead,
    trainings: size.trainings,
    formationsSkipped: skipped,
    feedPages: stats.pages,
    feedPagesFailed: stats.pagesFailed,
    certifications: size.certifications,
    certificationRowsSkipped: mapped.rejected + fc.rejectedRows,
    mcfRows: mcfRows.length,
    mcfRowsSkipped: eligibility.rejected,
    cpfEligible,
    providers: size.providers,
  };
  logger.info({ counts }, 'catalogue ingested');
  return { index, counts };
}
