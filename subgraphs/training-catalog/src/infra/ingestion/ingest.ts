import type { Logger } from '../../../../../lib/logging/index.js';
import { countDroppedItem, type UpstreamClient } from '../../../../../lib/http/index.js';
import { CatalogIndex } from '../../domain/catalog-index.js';
import type { Certification } from '../../domain/certification.js';
import type { Training } from '../../domain/training.js';
import { mapExport } from '../france-competences/france-competences.mapper.js';
import { FRANCE_COMPETENCES, readFranceCompetencesExport } from '../france-competences/france-competences.repository.js';
import { CARIF_OREF, readCarifOrefFeed, type FeedStats } from '../lheo/carif-oref.repository.js';
import { mapFormation, type Rejection } from '../lheo/lheo.mapper.js';
import { eligibilityKey, mapEligibility } from '../mcf/mcf.mapper.js';
import { MCF_OPERATOR, readMcfCatalogue } from '../mcf/mcf.repository.js';
import type { References } from '../reference/references.js';
import type { OriginClients } from '../feeds/origin-clients.js';
import { indexSize, ingestedRecords } from './ingestion.metrics.js';

export interface CatalogClients {
  /** One client per (operator, host) for the catalogues read from absolute URLs. */
  http: OriginClients;
  /** The regional LHEO feeds (plain, gzip or zip). */
  carifOrefFeeds: readonly string[];
  /** The France Compétences dataset on the data.gouv.fr API. */
  franceCompetencesDataset: string;
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
  /** Items dropped by operator and reason (also in `upstream_items_dropped_total`). */
  dropped: Record<string, Record<string, number>>;
}

function tally(dropped: IngestionCounts['dropped'], operator: string, reason: string, count = 1): void {
  if (count <= 0) return;
  const byReason = (dropped[operator] ??= {});
  byReason[reason] = (byReason[reason] ?? 0) + count;
  countDroppedItem(operator, reason, count);
}

/**
 * One full ingestion: the three sources are read (France Compétences and MCF in parallel with the
 * LHEO feed), malformed records are skipped and counted, and a new index is built. Any source
 * failing as a whole fails the ingestion: the caller keeps serving the previous index.
 */
export async function ingestCatalog(clients: CatalogClients, references: References, logger: Logger, refreshSeconds = 0): Promise<{ index: CatalogIndex; counts: IngestionCounts }> {
  const startedAt = Date.now();
  const fcPromise = readFranceCompetencesExport(clients.http, clients.franceCompetencesDataset);
  const mcfPromise = readMcfCatalogue(clients.mcf);
  // Both are awaited below; until then a rejection must not surface as unhandled.
  fcPromise.catch(() => undefined);
  mcfPromise.catch(() => undefined);

  const stats: FeedStats = { pages: 0, pagesFailed: 0 };
  const trainings = new Map<string, Training>();
  const skipped: IngestionCounts['formationsSkipped'] = {};
  let formationsRead = 0;
  const dropped: IngestionCounts['dropped'] = {};
  for await (const formation of readCarifOrefFeed(clients.http, clients.carifOrefFeeds, stats)) {
    formationsRead += 1;
    const mapped = mapFormation(formation);
    const outcome = !mapped.ok ? mapped.reason : trainings.has(mapped.training.id) ? 'DUPLICATE' : 'accepted';
    ingestedRecords.inc({ source: 'carif-oref', outcome });
    if (outcome !== 'accepted') {
      skipped[outcome] = (skipped[outcome] ?? 0) + 1;
      tally(dropped, CARIF_OREF, outcome);
      continue;
    }
    if (mapped.ok) trainings.set(mapped.training.id, mapped.training);
  }

  const fc = await fcPromise;
  const mapped = mapExport(fc.files);
  for (const reason of fc.rejectedReasons) tally(dropped, FRANCE_COMPETENCES, reason);
  for (const [reason, count] of Object.entries(mapped.reasons)) tally(dropped, FRANCE_COMPETENCES, reason, count);
  ingestedRecords.inc({ source: 'france-competences', outcome: 'accepted' }, mapped.certifications.length);
  ingestedRecords.inc({ source: 'france-competences', outcome: 'skipped' }, mapped.rejected + fc.rejectedRows);

  const mcfRows = await mcfPromise;
  const eligibility = mapEligibility(mcfRows.rows);
  for (const reason of mcfRows.dropped) tally(dropped, MCF_OPERATOR, reason);
  tally(dropped, MCF_OPERATOR, 'missing_siret_or_certification', eligibility.rejected);
  ingestedRecords.inc({ source: 'mcf', outcome: 'accepted' }, mcfRows.rows.length - eligibility.rejected);
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

  const index = new CatalogIndex({
    trainings: [...trainings.values()],
    certifications,
    formacodeChildren: references.formacodeChildren,
    certificationExport: { url: new URL(fc.resource, clients.franceCompetencesDataset).toString(), exportedAt: fc.exportedAt },
    // The oldest read is the ingestion's start: every answer from this index is at least that old.
    ingestion: { operators: [CARIF_OREF, FRANCE_COMPETENCES, MCF_OPERATOR], ingestedAt: startedAt, freshForSeconds: refreshSeconds > 0 ? refreshSeconds : null },
  });
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
    mcfRows: mcfRows.rows.length,
    mcfRowsSkipped: eligibility.rejected + mcfRows.dropped.length,
    cpfEligible,
    providers: size.providers,
    dropped,
  };
  logger.info({ counts, franceCompetencesResource: fc.resource }, 'catalogue ingested');
  return { index, counts };
}
