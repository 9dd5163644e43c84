import { createOriginClients } from '../../../training-catalog/src/infra/feeds/origin-clients.js';
import { readCarifOrefFeed } from '../../../training-catalog/src/infra/lheo/carif-oref.repository.js';
import { mapFormation } from '../../../training-catalog/src/infra/lheo/lheo.mapper.js';
import { mapEligibility } from '../../../training-catalog/src/infra/mcf/mcf.mapper.js';
import { MCF_OPERATOR, readMcfCatalogue } from '../../../training-catalog/src/infra/mcf/mcf.repository.js';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { isDepartment, isFormacode, isValidSiret } from '../../../../lib/validation/index.js';
import type { CatalogueKeys } from '../domain/catalogue-keys.js';
import type { OutcomeKey, ReviewKey } from '../domain/training.js';

/**
 * The keys of public per-training data, from the catalogue itself: the Carif-Oref LHEO feeds are
 * public open data (the same regional files the training-catalog subgraph indexes, read with its
 * reader and mapper, so a training here has the Formacodes, department and provider it has
 * there), with Mon Compte Formation's open data for the certif_info of certifications (the
 * training-catalog's source for it too). Nothing is stored but the keys.
 *
 * - outcomes: (first Formacode, department of the first place) — what `Training.outcomes` asks;
 * - reviews: per provider SIRET, (SIRET, certif_info) and (SIRET, first Formacode) — the key
 *   `Training.reviews` asks depends on the certification the gateway resolves, so both are kept
 *   (and the refresh also writes every key found in the provider's reviews).
 *
 * Hottest first: outcome keys shared by most trainings, then those of the departments with most
 * trainings; providers with most trainings.
 */
export async function readCatalogueKeys(feedUrls: readonly string[], cdcOpendataUrl: string): Promise<CatalogueKeys> {
  const http = createOriginClients();
  const outcomeCounts = new Map<string, { key: OutcomeKey; trainings: number }>();
  const providers = new Map<string, { keys: Map<string, ReviewKey>; trainings: number; certifications: Set<string> }>();
  // The certif_info the graph gives a certification: the catalogue's last training naming one for it (as the training-catalog indexes it).
  // Mon Compte Formation's certif_info first, then the feed's, as the training-catalog merges them.
  const certifInfoOf = new Map<string, string>(await mcfCertifInfo(cdcOpendataUrl));
  const perDepartment = new Map<string, number>();
  let trainings = 0;
  try {
    for await (const formation of readCarifOrefFeed(http, feedUrls, { pages: 0, pagesFailed: 0 })) {
      const mapped = mapFormation(formation);
      if (!mapped.ok) continue;
      trainings += 1;
      const training = mapped.training;
      const formacode = training.formacodes[0];
      const departmentCode = training.location?.departmentCode;
      if (formacode && departmentCode && isFormacode(formacode) && isDepartment(departmentCode)) {
        const id = `${formacode}:${departmentCode}`;
        const entry = outcomeCounts.get(id) ?? { key: { formacode, departmentCode }, trainings: 0 };
        entry.trainings += 1;
        outcomeCounts.set(id, entry);
        perDepartment.set(departmentCode, (perDepartment.get(departmentCode) ?? 0) + 1);
      }
      const siret = training.provider.siret;
      if (!isValidSiret(siret)) continue;
      const provider = providers.get(siret) ?? { keys: new Map<string, ReviewKey>(), trainings: 0, certifications: new Set<string>() };
      provider.trainings += 1;
      if (training.certificationCode) {
        provider.certifications.add(training.certificationCode);
        if (training.certifInfo) certifInfoOf.set(training.certificationCode, training.certifInfo);
      }
      if (training.certifInfo) provider.keys.set(`c:${training.certifInfo}`, { siret, certifInfo: training.certifInfo });
      if (formacode) provider.keys.set(`f:${formacode}`, { siret, formacode });
      providers.set(siret, provider);
    }
  } finally {
    await http.close();
  }
  for (const [siret, provider] of providers) {
    for (const code of provider.certifications) {
      const certifInfo = certifInfoOf.get(code);
      if (certifInfo) provider.keys.set(`c:${certifInfo}`, { siret, certifInfo });
    }
  }
  return {
    trainings,
    outcomes: [...outcomeCounts.values()]
      .sort((a, b) => b.trainings - a.trainings || (perDepartment.get(b.key.departmentCode) ?? 0) - (perDepartment.get(a.key.departmentCode) ?? 0))
      .map((entry) => entry.key),
    providers: [...providers.entries()].sort(([, a], [, b]) => b.trainings - a.trainings).map(([siret, provider]) => ({ siret, keys: [...provider.keys.values()] })),
  };
}

/** Certif Info numbers by certification code from Mon Compte Formation's open data; none when it is unreachable. */
async function mcfCertifInfo(cdcOpendataUrl: string): Promise<Map<string, string>> {
  const client = createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: cdcOpendataUrl });
  try {
    return new Map(mapEligibility((await readMcfCatalogue(client)).rows).certifInfo);
  } catch {
    return new Map();
  } finally {
    await client.close();
  }
}
