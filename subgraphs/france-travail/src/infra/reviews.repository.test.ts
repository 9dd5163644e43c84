import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { ORIGIN, scriptedUpstream } from '../../../../lib/http/upstream.fixture.js';
import { aCache } from './france-travail.fixture.js';
import { createReviewRepository } from './reviews.repository.js';

const SIRET = '11111111111111';
const notes = { accueil: 4, contenu_formation: 4, equipe_formateurs: 4, moyen_materiel: 4, accompagnement: 4, global: 4 };
const review = (id: string, formacodes: string[], certifInfo?: string) => ({
  id,
  date: `2024-01-0${id}T00:00:00.000Z`,
  notes,
  commentaire: { titre: 'Bien', texte: `Avis ${id}` },
  formation: { domaine_formation: { formacodes }, certifications: certifInfo ? [{ certif_info: certifInfo }] : [] },
});
const providerPage = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  data: { avis: [review('1', ['31025']), review('2', ['31025'], '78997')], meta: { pagination: { page: 0, items_par_page: 2000, total_items: 2, total_pages: 1 } } },
};

/**
 * Issue #15 point 4: once the refresher read a provider's whole review list, a key of that
 * provider that no review names is known to have none — no Anotéa call on the user's path — and a
 * key that has reviews is served from its refreshed entry.
 */
describe('reviews refreshed by provider', () => {
  it('answers every key of a refreshed provider without a call: its reviews, or none', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen = scriptedUpstream(agent, [providerPage], { statusCode: 500, data: 'not expected' });
    const repository = createReviewRepository(createUpstreamClient({ operator: 'anotea', baseUrl: ORIGIN, dispatcher: agent }), aCache());
    expect(await repository.refreshProvider(SIRET, [{ siret: SIRET, formacode: '31025' }], { refresh: true, ttlSeconds: 600 })).toEqual({ calls: 1, entries: 2 });
    expect(seen).toHaveLength(1);

    expect((await repository.summary({ siret: SIRET, formacode: '31025' })).count).toBe(2);
    expect((await repository.summary({ siret: SIRET, certifInfo: '78997' })).count).toBe(1);
    // Neither key is named by the provider's reviews: none, without asking Anotéa.
    expect(await repository.summary({ siret: SIRET, formacode: '22403' })).toEqual({ count: 0, averages: null, comments: [] });
    expect(await repository.summary({ siret: SIRET, certifInfo: '12345' })).toEqual({ count: 0, averages: null, comments: [] });
    expect(seen).toHaveLength(1);
  });

  it('asks Anotéa for a key of a provider not refreshed yet', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen = scriptedUpstream(agent, [providerPage]);
    const repository = createReviewRepository(createUpstreamClient({ operator: 'anotea', baseUrl: ORIGIN, dispatcher: agent }), aCache());
    expect((await repository.summary({ siret: SIRET, formacode: '31025' })).count).toBe(2);
    expect(seen.map((request) => new URL(request.path, ORIGIN).searchParams.get('organisme_formateur'))).toEqual([SIRET]);
  });
});
