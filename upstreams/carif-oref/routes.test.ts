import { SaxesParser, type SaxesTagNS } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mapFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.mapper.js';
import { parseLheo } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.parser.js';
import type { LheoFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.response.js';
import { feedFiles } from '../../subgraphs/training-catalog/src/infra/feeds/unpack.js';
import { REGION_CODES } from './routes.js';
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

async function formationsOf(body: Buffer, name: string): Promise<LheoFormation[]> {
  const formations: LheoFormation[] = [];
  for await (const file of feedFiles(name, [body])) for await (const formation of parseLheo(file.data)) formations.push(formation);
  return formations;
}

describe('Carif-Oref LHEO simulator (contract: read with the subgraph parser)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  });

  it('serves one regional feed as plain XML, gzip or zip, the same formations in each, in LHEO 2.2 order', async () => {
    const plain = await app.inject({ url: '/carif-oref/exports/lheo-84.xml' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('application/xml');
    expect(plain.body).toContain('<lheo xmlns="http://www.lheo.org/2.2">');
    expect(childOrderViolations(plain.body)).toEqual([]);
    const fromPlain = await formationsOf(plain.rawPayload, 'lheo-84.xml');
    expect(fromPlain.length).toBeGreaterThan(250);
    for (const packed of ['lheo-84.xml.gz', 'lheo-84.zip']) {
      const response = await app.inject({ url: `/carif-oref/exports/${packed}` });
      expect(response.statusCode).toBe(200);
      expect(await formationsOf(response.rawPayload, packed)).toEqual(fromPlain);
    }
    expect(fromPlain.map(mapFormation).filter((mapped) => !mapped.ok).length).toBeLessThanOrEqual(1);
  });

  it('carries partial dates, both price forms and a few deliberately malformed records', async () => {
    const reasons: string[] = [];
    let dates = '';
    for (const region of REGION_CODES) {
      const page = await app.inject({ url: `/carif-oref/exports/lheo-${region}.xml` });
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

  it('answers an unknown region or file with a 404 HTML page', async () => {
    expect((await app.inject({ url: '/carif-oref/exports/lheo-99.xml' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/carif-oref/exports/index.json' })).statusCode).toBe(404);
  });
});
