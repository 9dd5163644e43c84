import { SaxesParser, type SaxesTagNS } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mapFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.mapper.js';
import { parseLheo } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.parser.js';
import { lheoIndexSchema, type LheoFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.response.js';
import { createSimulator } from '../server.js';

/** Children of `formation` and `action` in LHEO 2.2 grammar order (upstreams.md §6), as far as the feed uses them. */
const FORMATION_ORDER = ['domaine-formation', 'intitule-formation', 'objectif-formation', 'resultats-attendus', 'contenu-formation', 'certifiante', 'contact-formation', 'parcours-de-formation', 'code-niveau-entree', 'certification', 'code-niveau-sortie', 'action', 'organisme-formation-responsable'];
const ACTION_ORDER = ['rythme-formation', 'code-public-vise', 'niveau-entree-obligatoire', 'modalites-alternance', 'modalites-enseignement', 'conditions-specifiques', 'prise-en-charge-frais-possible', 'lieu-de-formation', 'modalites-entrees-sorties', 'session', 'prix-total-TTC', 'duree-indicative', 'nombre-heures-total'];

/** Checks that each element's children follow the grammar's sequence. */
function childOrderViolations(xml: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const stack: { name: string; last: number }[] = [];
  const problems: string[] = [];
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack.at(-1);
    const order = parent?.name === 'formation' ? FORMATION_ORDER : parent?.name === 'action' ? ACTION_ORDER : undefined;
    if (parent && order) {
      const position = order.indexOf(tag.local);
      if (position < parent.last) problems.push(`${tag.local} after a later sibling in ${parent.name}`);
      if (position >= 0) parent.last = position;
    }
    stack.push({ name: tag.local, last: -1 });
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return problems;
}

describe('Carif-Oref LHEO simulator (contract: read with the subgraph parser)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  });

  it('lists regions and pages, and streams LHEO 2.2 pages the subgraph parses', async () => {
    const index = lheoIndexSchema.parse((await app.inject({ url: '/carif-oref/lheo/index.json' })).json());
    expect(index.regions.length).toBeGreaterThanOrEqual(17);
    const region = index.regions.find((item) => item.pages > 1);
    if (!region) throw new Error('no multi-page region');
    const page = await app.inject({ url: `/carif-oref/lheo/offres?region=${region.region}&page=1` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('application/xml');
    expect(page.body).toContain('<lheo xmlns="http://www.lheo.org/2.2">');
    const formations: LheoFormation[] = [];
    for await (const formation of parseLheo([page.body])) formations.push(formation);
    expect(formations.length).toBe(Math.min(index.pageSize, region.formations - index.pageSize));
    expect(formations.map(mapFormation).every((mapped) => mapped.ok)).toBe(true);
    expect(childOrderViolations(page.body)).toEqual([]);
  });

  it('carries partial dates, both price forms and a few deliberately malformed records', async () => {
    const index = lheoIndexSchema.parse((await app.inject({ url: '/carif-oref/lheo/index.json' })).json());
    const reasons: string[] = [];
    let dates = '';
    for (const region of index.regions) {
      const page = await app.inject({ url: `/carif-oref/lheo/offres?region=${region.region}&page=0` });
      dates += page.body.match(/<debut>\d{8}<\/debut>/g)?.join('') ?? '';
      for await (const formation of parseLheo([page.body])) {
        const mapped = mapFormation(formation);
        if (!mapped.ok) reasons.push(mapped.reason);
      }
    }
    expect(new Set(reasons)).toEqual(new Set(['BAD_DATE', 'BAD_SIRET', 'MISSING_TITLE', 'BAD_PRICE']));
    expect(dates).toMatch(/<debut>00000000<\/debut>/);
    expect(dates).toMatch(/<debut>\d{6}00<\/debut>/);
  });

  it('answers unknown regions and pages out of range with 404, bad pages with 400', async () => {
    expect((await app.inject({ url: '/carif-oref/lheo/offres?region=99' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/carif-oref/lheo/offres?region=84&page=999' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/carif-oref/lheo/offres?page=-1' })).statusCode).toBe(400);
  });
});
