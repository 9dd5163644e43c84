import { zipSync } from 'fflate';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../lib/http/index.js';
import { registry } from '../../lib/metrics/index.js';
import { caught, ORIGIN, scriptedUpstream } from '../../lib/http/upstream.fixture.js';
import { createCompanyRepository } from '../../subgraphs/france-travail/src/infra/companies.repository.js';
import { aCache, aMockedClient } from '../../subgraphs/france-travail/src/infra/france-travail.fixture.js';
import { createOccupationRepository } from '../../subgraphs/france-travail/src/infra/occupations.repository.js';
import { createJobOfferRepository } from '../../subgraphs/france-travail/src/infra/offers.repository.js';
import { createOutcomeRepository } from '../../subgraphs/france-travail/src/infra/outcomes.repository.js';
import { createReviewRepository } from '../../subgraphs/france-travail/src/infra/reviews.repository.js';
import { createMobilityRepository, ROME_OPEN_DATA_PATH } from '../../subgraphs/france-travail/src/infra/rome-mobility.repository.js';
import { createTokenProvider } from '../../subgraphs/france-travail/src/infra/token-provider.js';
import { coverage, payloadBytes, payloadJson } from './payloads.js';

/**
 * Contract tests (issue #13): every collected France Travail, ROME, La Bonne Boîte, outcomes and
 * Anotéa payload goes through the operator's schema, mapper and repository over HTTP (MockAgent),
 * and the mapped values are asserted.
 */
const covered = coverage();
const droppedCount = async (operator: string): Promise<number> =>
  ((await registry.getSingleMetric('upstream_items_dropped_total')?.get())?.values ?? []).filter((value) => value.labels['operator'] === operator).reduce((sum, value) => sum + value.value, 0);
const SEARCH = '/partenaire/offresdemploi/v2/offres/search';
const search = { keywords: [], romeCodes: [], place: null, contractTypes: [], publishedSinceDays: null };

function offerRepository(path: string, status: number, endpoint: string) {
  const { client, answer } = aMockedClient();
  answer(endpoint, status, payloadJson(covered.use(path)));
  return createJobOfferRepository(client, aCache());
}

describe('France Travail Offres d’emploi v2', () => {
  it('reads the 2025 206 search (real, france-travail-api 1.4.0) with its total from filtresPossibles', async () => {
    const page = await offerRepository('ft-offers/real-ftapi-pypi-search-206-2025.json', 206, SEARCH).search(search, { offset: 0, limit: 150 });
    expect(page.totalCount).toBe(3005);
    expect(page.offers.map((offer) => offer.id)).toEqual(['201WLXK', '201TPBN']);
    expect(page.offers[0]).toMatchObject({
      title: 'Développeur backend Python/Django (H/F)',
      contractType: 'CDI',
      location: { label: 'Le Mans', departmentCode: '72', communeCode: '72181', postalCode: '72000', latitude: 48.007462, longitude: 0.197404 },
      companyName: 'HOLENEK INGENIERIE',
      companySiret: null,
      romeCode: 'M1855',
      publishedAt: '2025-12-23T16:01:23.690Z',
      salaryLabel: 'Annuel de 38000.0 Euros à 45000.0 Euros sur 12.0 mois',
      url: 'https://candidat.francetravail.fr/offres/recherche/detail/201WLXK',
    });
  });

  it('reads the 2021 search (real, pass-emploi), its mojibake kept as sent and a lieuTravail without coordinates', async () => {
    const page = await offerRepository('ft-offers/real-pass-emploi-search-2021.json', 200, SEARCH).search(search, { offset: 0, limit: 150 });
    expect(page.totalCount).toBe(2);
    expect(page.offers[0]).toMatchObject({ id: '4369834', location: { label: 'Reims', departmentCode: '51' }, contractLabel: 'Contrat à durée déterminée - 6 Mois', salaryLabel: 'Mensuel de 1600,00 Euros ï¿½ 1800,00 Euros' });
    expect(page.offers[1]).toMatchObject({ id: '4162319', location: { label: 'Maine et Loire', departmentCode: '49', latitude: null, longitude: null }, companyName: 'ITANCIA' });
  });

  it('reads 1j1s’s fixture: offers without dateCreation, one without lieuTravail, one without entreprise', async () => {
    const page = await offerRepository('ft-offers/fixture-1j1s-search.json', 200, SEARCH).search(search, { offset: 0, limit: 150 });
    expect(page.totalCount).toBe(3);
    expect(page.offers.map((offer) => [offer.id, offer.contractType, offer.publishedAt, offer.companyName, offer.location.label])).toEqual([
      ['132LKFB', 'SAI', null, 'LE PLEIN AIR', 'Bourg les Valence'],
      ['130WPHC', 'MIS', null, 'RAS 1040', ''],
      ['132MDKM', 'CDD', null, null, 'Balaruc les Bains'],
    ]);
  });

  it('reads labonnealternance’s fixture: "" for latitude, SIRET and typeContrat', async () => {
    const page = await offerRepository('ft-offers/fixture-lba-generateFtJobFixture-search.json', 200, SEARCH).search(search, { offset: 0, limit: 150 });
    expect(page.offers).toEqual([
      expect.objectContaining({ id: '1', title: "Super offre d'apprentissage", contractType: 'OTHER', companySiret: null, companyName: null, romeCode: null, publishedAt: '2024-01-01T00:00:00.000Z', location: { label: '', communeCode: null, postalCode: null, departmentCode: null, latitude: null, longitude: null }, url: 'http://job.com' }),
    ]);
  });

  it('reads the offer details (real 048KLTP; pass-emploi’s without dateCreation)', async () => {
    const real = await offerRepository('ft-offers/real-ftapi-pypi-detail-048KLTP.json', 200, '/partenaire/offresdemploi/v2/offres/048KLTP').byId('048KLTP');
    expect(real).toMatchObject({ id: '048KLTP', title: 'Développeur Python (H/F)', contractType: 'CDI', workingTime: 'Temps plein', location: { label: 'Paris', departmentCode: '75', communeCode: '75056' }, companyName: 'TechCorp', companySiret: null });
    const fixture = await offerRepository('ft-offers/fixture-pass-emploi-api-uneOffreEmploiDto-detail.json', 200, '/partenaire/offresdemploi/v2/offres/123DXPM').byId('123DXPM');
    expect(fixture).toMatchObject({ id: '123DXPM', contractType: 'MIS', publishedAt: null, location: { label: 'libelle', communeCode: '57463', postalCode: '57000' }, companyName: 'RH TT INTERIM', url: 'url/offre' });
  });

  it('leaves no collected offer payload out', () => expect(covered.missing('ft-offers')).toEqual([]));
});

describe('France Travail token', () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  afterAll(async () => agent.close());
  const provider = (path: string, statusCode: number) => {
    const local = new MockAgent();
    local.disableNetConnect();
    scriptedUpstream(local, [{ statusCode, data: JSON.stringify(payloadJson(covered.use(path))), headers: { 'content-type': 'application/json' } }]);
    return createTokenProvider({ auth: createUpstreamClient({ operator: 'france-travail', baseUrl: ORIGIN, dispatcher: local, retry: { maxRetries: 0 } }), clientId: 'PAR_x', clientSecret: 's', scope: 'api_offresdemploiv2' });
  };

  it('reads the real token answer and labonnealternance’s one without token_type', async () => {
    expect(await provider('ft-token/real-ftapi-pypi-token-200.json', 200).get()).toBe('my_token');
    expect(await provider('ft-token/fixture-lba-nock-token-200.json', 200).get()).toBe('ft_token_offre');
  });

  it('turns invalid_client into UPSTREAM_UNAVAILABLE (our configuration, not the caller’s input)', async () => {
    expect((await caught(provider('ft-token/doc-invalid-client-400.json', 400).get())).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(covered.missing('ft-token')).toEqual([]);
  });
});

describe('ROME 4.0', () => {
  it('reads the métier list head, the métier detail and the fiches (competence types kept, obsolete fiche empty)', async () => {
    const { client, answer } = aMockedClient();
    const rome = createOccupationRepository(client, aCache(), { links: async () => ({}) });
    answer('/partenaire/rome-metiers/v1/metiers/metier?', 200, payloadJson(covered.use('ft-rome/real-immersion-facile-metier-list-head.json')));
    expect(await rome.list()).toEqual([{ romeCode: 'A1101', title: "Conducteur / Conductrice d'engins agricoles", jobTitles: [] }]);
    answer('/partenaire/rome-metiers/v1/metiers/metier/A1201', 200, payloadJson(covered.use('ft-rome/schema-derived-lba-ZRomeDetail-metier.json')));
    expect(await rome.byCode('A1201')).toEqual({ romeCode: 'A1201', title: 'Bûcheronnage et élagage', definition: 'Réalise des travaux d\'abattage…', jobTitles: ['Bûcheron / Bûcheronne'], formacodes: ['21046'] });
    answer('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/A1101', 200, payloadJson(covered.use('ft-rome/thirdparty-fiche-metier-A1101.json')));
    expect(await rome.skills('A1101')).toEqual([
      { code: '1', label: "Contrôler l'état d'une plantation", kind: 'COMPETENCE-DETAILLEE', group: 'Aménagement' },
      { code: '2', label: 'Débroussailler une plantation', kind: 'COMPETENCE-DETAILLEE', group: 'Aménagement' },
      { code: '3', label: 'Préparer du matériel', kind: 'MACRO-SAVOIR-FAIRE', group: 'Production, Fabrication' },
      { code: '4', label: 'Régler systèmes hydrauliques', kind: 'COMPETENCE-DETAILLEE', group: 'Production, Fabrication' },
    ]);
    answer('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/X9999', 200, payloadJson(covered.use('ft-rome/thirdparty-fiche-metier-obsolete.json')));
    expect(await rome.skills('X9999')).toEqual([]);
    expect(covered.missing('ft-rome')).toEqual([]);
  });
});

describe('ROME open data: the mobility links (rubrique_mobilite)', () => {
  it('streams the archive, reads only the mobility CSV by its header, close links first, drops a row without a target', async () => {
    const csv = payloadBytes(covered.use('ft-rome-opendata/schema-derived-unix_rubrique_mobilite_utf8.csv'));
    // The archive holds many other CSVs: they are skipped, not inflated.
    const archive = Buffer.from(zipSync({ 'unix_referentiel_appellation_v461_utf8.csv': Buffer.alloc(200_000, 0x41), 'unix_rubrique_mobilite_v461_utf8.csv': csv, 'version.txt': Buffer.from('Numero de version : 461\n') }));
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen = scriptedUpstream(agent, [{ statusCode: 200, data: archive, headers: { 'content-type': 'application/zip' } }]);
    const http = createUpstreamClient({ operator: 'france-travail', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } });
    const before = await droppedCount('france-travail');
    const links = await createMobilityRepository(http, aCache()).links();
    expect(links).toEqual({ A1101: ['A1416', 'N4101'], M1805: ['M1806'] });
    expect(await droppedCount('france-travail')).toBe(before + 1);
    expect(seen.map((request) => request.path)).toEqual([ROME_OPEN_DATA_PATH]);
  });

  it('reads the ROME 4.0 layout (code_rome, code_rome_cible, numero_ordre): links ranked by numero_ordre, unranked last', async () => {
    const csv = payloadBytes(covered.use('ft-rome-opendata/schema-derived-rome40-unix_rubrique_mobilite_v461_utf8.csv'));
    const archive = Buffer.from(zipSync({ 'unix_rubrique_mobilite_v461_utf8.csv': csv, 'version.txt': Buffer.from('Numero de version : 461\n') }));
    const agent = new MockAgent();
    agent.disableNetConnect();
    scriptedUpstream(agent, [{ statusCode: 200, data: archive, headers: { 'content-type': 'application/zip' } }]);
    const http = createUpstreamClient({ operator: 'france-travail', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } });
    const before = await droppedCount('france-travail');
    const links = await createMobilityRepository(http, aCache()).links();
    // A1101: rank 1, rank 2, then the blank rank; the self-link is left out. M1805: the garbage rank is kept, last.
    expect(links).toEqual({ A1101: ['A1416', 'N4101', 'A1417'], M1805: ['M1806', 'M1810'] });
    expect(await droppedCount('france-travail')).toBe(before + 1);  expect(covered.missing('ft-rome-opendata')).toEqual([]);
  });

  it('refuses an archive without the mobility file, or a file without its essential columns, as the operator failing', async () => {
    const answer = async (files: Record<string, Uint8Array>) => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      scriptedUpstream(agent, [{ statusCode: 200, data: Buffer.from(zipSync(files)), headers: { 'content-type': 'application/zip' } }]);
      const http = createUpstreamClient({ operator: 'france-travail', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } });
      return await caught(createMobilityRepository(http, aCache()).links());
    };
    expect((await answer({ 'version.txt': Buffer.from('x') })).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await answer({ 'unix_rubrique_mobilite_v461_utf8.csv': Buffer.from('"rome","cible"\n"A1101","A1416"\n') })).code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('La Bonne Boîte v2', () => {
  it('reads the logged real item and immersion-facile’s items-only answer (no rome, no hits)', async () => {
    const { client, answer } = aMockedClient();
    const companies = createCompanyRepository(client, aCache());
    answer('/partenaire/labonneboite/v2/recherche', 200, payloadJson(covered.use('ft-lbb/real-immersion-facile-logged-item.json')));
    expect(await companies.hiring('M1203', { kind: 'commune', communeCode: '86066', radiusKm: 10 }, { offset: 0, limit: 10 })).toEqual({
      totalCount: 1,
      companies: [{ siret: '21860066600018', name: 'MAIRIE CHATELLERAULT', nafCode: '8411Z', nafLabel: 'Administration publique générale', headcount: '250-499', hiringPotential: 59.5344812, url: 'https://labonneboite.francetravail.fr/entreprise/21860066600018', location: { label: 'Châtellerault', communeCode: '86066', postalCode: '86100', departmentCode: '86', latitude: 46.8178, longitude: 0.5461 } }],
    });
    answer('/partenaire/labonneboite/v2/recherche', 200, payloadJson(covered.use('ft-lbb/fixture-immersion-facile-builder-items-only.json')));
    const page = await companies.hiring('M1203', { kind: 'department', departmentCode: '57' }, { offset: 0, limit: 10 });
    expect(page).toMatchObject({ totalCount: 1, companies: [{ siret: '77561959600155', name: 'BLANCHISSERIE LA FENSCH', headcount: '5-10', hiringPotential: null, location: { label: 'SEREMANGE-ERZANGE', communeCode: null, postalCode: '57290' } }] });
    expect(covered.missing('ft-lbb')).toEqual([]);
  });
});

describe('Statistiques entrées-sorties formation', () => {
  it('reads the documented answer: the latest rate', async () => {
    const { client, answer } = aMockedClient();
    answer('/partenaire/stats-entrees-sorties-formations', 200, payloadJson(covered.use('ft-outcomes/project-doc-example.json')));
    expect(await createOutcomeRepository(client, aCache()).outcomes({ formacode: '31054', departmentCode: '38' })).toEqual({ returnToWorkRate: 61.2, trainees: 120, period: '2024T1', territory: 'Isère' });
    expect(covered.missing('ft-outcomes')).toEqual([]);
  });
});

describe('Anotéa v1', () => {
  const reviews = (path: string, statusCode: number) => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    scriptedUpstream(agent, [{ statusCode, data: JSON.stringify(payloadJson(covered.use(path))), headers: { 'content-type': 'application/json' } }]);
    return createReviewRepository(createUpstreamClient({ operator: 'anotea', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } }), aCache());
  };
  const key = { siret: '11111111111111', certifInfo: '78997' };

  it('reads the real server’s search and decimal-notes answers', async () => {
    expect(await reviews('anotea/real-anotea-server-test-search.json', 200).summary(key)).toEqual({
      count: 2,
      averages: { welcome: 3, content: 2, trainers: 4, equipment: 2, support: 1, overall: 2 },
      comments: [{ date: '2019-03-01T10:00:00.000Z', title: 'Génial', text: 'Super formation.', answer: null }],
    });
    expect(await reviews('anotea/real-anotea-server-test-reponse-decimales.json', 200).summary(key)).toMatchObject({ count: 3, averages: { overall: 2.4 }, comments: [{ answer: 'Voici notre réponse' }] });
  });

  it('reads 404 « Identifiant inconnu » as no reviews, and a 400 validation error as the operator failing', async () => {
    expect(await reviews('anotea/real-anotea-server-404.json', 404).summary(key)).toEqual({ count: 0, averages: null, comments: [] });
    expect((await caught(reviews('anotea/real-anotea-server-400-validation.json', 400).summary(key))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(covered.missing('anotea')).toEqual([]);
  });
});
