import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boomErrorSchema, reviewsResponseSchema } from '../../subgraphs/france-travail/src/infra/anotea.response.js';
import { buildTrainings } from '../data/trainings.js';
import { buildWorld } from '../data/world.js';
import { createSimulator } from '../server.js';

let app: FastifyInstance;
const avis = async (query: string) => app.inject({ url: `/anotea/api/v1/avis?${query}` });

beforeAll(async () => {
  ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
});
afterAll(async () => app.close());

describe('Anotéa v1 /avis', () => {
  it('finds the reviews of most catalogue trainings by provider SIRET and formacode', async () => {
    const trainings = buildTrainings(buildWorld()).slice(0, 20);
    let withReviews = 0;
    for (const training of trainings) {
      const body = reviewsResponseSchema.parse((await avis(`organisme_formateur=${training.provider.siret}&formacode=${training.formacodes[0]}`)).json());
      if ((body.meta?.pagination?.total_items ?? 0) > 0) withReviews += 1;
      for (const review of body.avis.items) {
        expect(review.formation?.action?.organisme_formateur?.siret).toBe(training.provider.siret);
        expect(review.formation?.domaine_formation?.formacodes).toContain(training.formacodes[0]);
      }
    }
    expect(withReviews).toBeGreaterThanOrEqual(14);
  });

  it('prefix-matches short formacodes, paginates and sorts', async () => {
    const body = reviewsResponseSchema.parse((await avis('formacode=31&items_par_page=5&page=1&tri=notes&ordre=asc&notes_decimales=true')).json());
    expect(body.avis.items).toHaveLength(5);
    expect(body.meta?.pagination).toMatchObject({ page: 1, items_par_page: 5, total_pages: Math.ceil((body.meta?.pagination?.total_items ?? 0) / 5) });
    expect(body.avis.items.every((review) => review.formation?.domaine_formation?.formacodes.some((code) => code.startsWith('31')))).toBe(true);
    const overall = body.avis.items.map((review) => review.notes.global);
    expect([...overall].sort((a, b) => a - b)).toEqual(overall);
  });

  it('filters by certif_info and answers Boom 400s', async () => {
    const certified = buildTrainings(buildWorld()).find((training) => training.certification);
    const certifInfo = certified?.certification?.certifInfo ?? '0';
    const body = reviewsResponseSchema.parse((await avis(`certif_info=${certifInfo}`)).json());
    expect(body.avis.items.every((review) => review.formation?.certifications?.some((item) => item.certif_info === certifInfo))).toBe(true);
    for (const query of ['items_par_page=2001', 'tri=prix', 'organisme_formateur=12', 'lieu_de_formation=99000']) {
      const answer = await avis(query);
      expect(answer.statusCode).toBe(400);
      expect(boomErrorSchema.parse(answer.json())).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
  });
});
