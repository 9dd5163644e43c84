import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { ORIGIN, scriptedUpstream } from '../../../../lib/http/upstream.fixture.js';
import { registry } from '../../../../lib/metrics/index.js';
import { createCompanyRepository } from './companies.repository.js';
import { aCache, aMockedClient } from './france-travail.fixture.js';
import { createOccupationRepository } from './occupations.repository.js';
import { createJobOfferRepository } from './offers.repository.js';
import { anOffer, anOfferSearch } from './offers.response.fixture.js';
import { createReviewRepository } from './reviews.repository.js';
import { createTokenProvider } from './token-provider.js';

/**
 * The odd answers of issue #13, each of which used to fail a whole page with UPSTREAM_UNAVAILABLE:
 * now the odd field reads as absent, and only an item without its id or title is dropped (counted).
 */
const dropped = async (operator: string, reason: string): Promise<number> => {
  const metric = await registry.getSingleMetric('upstream_items_dropped_total')?.get();
  return metric?.values.find((value) => value.labels['operator'] === operator && value.labels['reason'] === reason)?.value ?? 0;
};

const search = { keywords: [], romeCodes: ['M1805'], place: null, contractTypes: [], publishedSinceDays: null };

describe('tolerant reading of France Travail answers', () => {
  it('keeps a 150-offer page with entreprise null, a latitude as a string and a missing intitule: one offer dropped and counted', async () => {
    const before = await dropped('france-travail', 'missing_intitule');
    const offers = Array.from({ length: 150 }, (_, index) => anOffer({ id: `A${String(index).padStart(6, '0')}` }));
    offers[3] = anOffer({ id: 'ANULL01', entreprise: null });
    offers[4] = anOffer({ id: 'ASTR001', lieuTravail: { libelle: '75 - PARIS 15', latitude: '48.8417', longitude: '2,2994', codePostal: '75015', commune: '75115' } });
    const { intitule: _dropped, ...untitled } = anOffer({ id: 'ANOTITL' });
    offers[5] = untitled;
    offers[6] = anOffer({ id: 'ANODATE', dateCreation: undefined, typeContrat: '', salaire: [] });
    const { client, answer } = aMockedClient();
    answer('/partenaire/offresdemploi/v2/offres/search', 206, anOfferSearch({ resultats: offers }), { 'content-range': 'offres 0-149/496' });
    const page = await createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 150 });
    expect(page.offers).toHaveLength(149);
    expect(page.totalCount).toBe(496);
    expect(page.offers.map((offer) => offer.id)).not.toContain('ANOTITL');
    expect(page.offers.find((offer) => offer.id === 'ANULL01')).toMatchObject({ companyName: null, companySiret: null });
    expect(page.offers.find((offer) => offer.id === 'ASTR001')?.location).toMatchObject({ latitude: 48.8417, longitude: 2.2994, label: 'Paris 15' });
    expect(page.offers.find((offer) => offer.id === 'ANODATE')).toMatchObject({ publishedAt: null, contractType: 'OTHER', salaryLabel: null });
    expect(await dropped('france-travail', 'missing_intitule')).toBe(before + 1);
  });

  it('reads ROME competences without `type` (kind null) and drops a competence without a code', async () => {
    const before = await dropped('france-travail', 'missing_code');
    const { client, answer } = aMockedClient();
    answer('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/A1101', 200, {
      code: 'A1101',
      metier: { code: 'A1101', libelle: "Conducteur / Conductrice d'engins agricoles" },
      groupesCompetencesMobilisees: [{ enjeu: { code: '15', libelle: 'Aménagement' }, competences: [{ code: '1', libelle: 'Contrôler' }, { type: 'SAVOIR', libelle: 'sans code' }] }],
    });
    const skills = await createOccupationRepository(client, aCache(), { links: async () => ({}) }).skills('A1101');
    expect(skills).toEqual([{ code: '1', label: 'Contrôler', kind: null, group: 'Aménagement' }]);
    expect(await dropped('france-travail', 'missing_code')).toBe(before + 1);
  });

  it('reads La Bonne Boîte items without `rome` and an answer without `hits`', async () => {
    const { client, answer } = aMockedClient();
    answer('/partenaire/labonneboite/v2/recherche', 200, {
      items: [{ siret: '77561959600155', company_name: 'BLANCHISSERIE LA FENSCH', city: 'SEREMANGE-ERZANGE', location: { lat: 49.3225, lon: 6.08067 }, headcount_min: 5, headcount_max: 10 }],
    });
    const page = await createCompanyRepository(client, aCache()).hiring('M1203', { kind: 'department', departmentCode: '57' }, { offset: 0, limit: 10 });
    expect(page).toEqual({
      totalCount: 1,
      companies: [expect.objectContaining({ siret: '77561959600155', name: 'BLANCHISSERIE LA FENSCH', headcount: '5-10', location: expect.objectContaining({ latitude: 49.3225 }) })],
    });
  });

  it('accepts `expires_in` as a string and a token answer without token_type', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    scriptedUpstream(agent, [{ statusCode: 200, data: { access_token: 'abc', expires_in: '1499' }, headers: { 'content-type': 'application/json' } }]);
    const auth = createUpstreamClient({ operator: 'france-travail', baseUrl: ORIGIN, dispatcher: agent });
    const tokens = createTokenProvider({ auth, clientId: 'PAR_x', clientSecret: 's', scope: 'api_offresdemploiv2' });
    expect(await tokens.get()).toBe('abc');
  });
});

describe('tolerant reading of Anotéa', () => {
  it('counts comments without `texte` in the averages without listing them; drops a review without a global note', async () => {
    const before = await dropped('anotea', 'missing_notes.global');
    const notes = { accueil: 4, contenu_formation: 4, equipe_formateurs: 4, moyen_materiel: 4, accompagnement: 4, global: 4 };
    const agent = new MockAgent();
    agent.disableNetConnect();
    scriptedUpstream(agent, [
      {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        data: {
          avis: [
            { id: '1', date: '2024-01-01T00:00:00.000Z', notes, commentaire: { titre: 'Bien' } },
            { id: '2', date: '2024-01-02T00:00:00.000Z', notes: { ...notes, global: '2.5', accueil: null }, commentaire: {} },
            { id: '3', date: '2024-01-03T00:00:00.000Z', notes, commentaire: { titre: null, texte: 'Très clair.' }, reponse: { texte: 'Merci' } },
            { id: '4', date: '2024-01-04T00:00:00.000Z', notes: { accueil: 1 } },
          ],
          meta: { pagination: { page: 0, items_par_page: 200, total_items: 4, total_pages: 1 } },
        },
      },
    ]);
    const anotea = createUpstreamClient({ operator: 'anotea', baseUrl: ORIGIN, dispatcher: agent });
    const summary = await createReviewRepository(anotea, aCache()).summary({ siret: '11111111111111', formacode: '46242' });
    expect(summary).toEqual({
      count: 4,
      averages: { welcome: 4, content: 4, trainers: 4, equipment: 4, support: 4, overall: 3.5 },
      comments: [{ date: '2024-01-03T00:00:00.000Z', title: null, text: 'Très clair.', answer: 'Merci' }],
    });
    expect(await dropped('anotea', 'missing_notes.global')).toBe(before + 1);
  });
});
