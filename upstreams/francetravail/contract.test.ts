import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageBodySchema } from '../../subgraphs/france-travail/src/infra/message.response.js';
import { lbbErrorSchema, lbbSearchSchema } from '../../subgraphs/france-travail/src/infra/lbb.response.js';
import { offerSchema, offerSearchSchema } from '../../subgraphs/france-travail/src/infra/offers.response.js';
import { outcomeResponseSchema } from '../../subgraphs/france-travail/src/infra/outcomes.response.js';
import { ficheListSchema, ficheMetierSchema, metierListSchema, metierSchema } from '../../subgraphs/france-travail/src/infra/rome.response.js';
import { tokenErrorSchema, tokenResponseSchema } from '../../subgraphs/france-travail/src/infra/token.response.js';
import { parseMobilityCsv, ROME_OPEN_DATA_PATH } from '../../subgraphs/france-travail/src/infra/rome-mobility.repository.js';
import { createSimulator } from '../server.js';

let app: FastifyInstance;
let bearer: string;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function token(clientId: string, secret: string, scope?: string, realm = '%2Fpartenaire') {
  const payload = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, ...(scope ? { scope } : {}) }).toString();
  return app.inject({ method: 'POST', url: `/francetravail/connexion/oauth2/access_token?realm=${realm}`, headers: FORM, payload });
}

const get = (path: string, authorization = bearer) => app.inject({ url: `/francetravail${path}`, headers: { authorization } });
const search = (query: string) => get(`/partenaire/offresdemploi/v2/offres/search?${query}`);

beforeAll(async () => {
  ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  const answer = await token('PAR_cpagraph_unthrottled', 'cpagraph-unthrottled-secret');
  bearer = `Bearer ${tokenResponseSchema.parse(answer.json()).access_token}`;
});
afterAll(async () => app.close());

describe('France Travail OAuth2', () => {
  it('issues a 1499 s bearer token for every realm spelling', async () => {
    for (const realm of ['%2Fpartenaire', '/partenaire', 'partenaire']) {
      const answer = await token('PAR_cpagraph_dev', 'cpagraph-dev-secret', 'application_PAR_cpagraph_dev api_offresdemploiv2 o2dsoffre', realm);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(tokenResponseSchema.parse(answer.json())).toMatchObject({ expires_in: 1499, token_type: 'Bearer', scope: 'api_offresdemploiv2 o2dsoffre' });
    }
  });

  it('answers the documented 400 bodies', async () => {
    const cases = [
      [await token('PAR_cpagraph_dev', 'wrong'), 'invalid_client'],
      [await token('PAR_cpagraph_offers', 'cpagraph-offers-secret', 'api_labonneboitev2'), 'invalid_scope'],
      [await app.inject({ method: 'POST', url: '/francetravail/connexion/oauth2/access_token?realm=/partenaire', headers: FORM, payload: 'grant_type=authorization_code_flow' }), 'unsupported_grant_type'],
    ] as const;
    for (const [answer, error] of cases) {
      expect(answer.statusCode).toBe(400);
      expect(tokenErrorSchema.parse(answer.json()).error).toBe(error);
    }
  });

  it('refuses API calls without a valid token (401) or without the scope (403)', async () => {
    const missing = await get('/partenaire/offresdemploi/v2/offres/search', 'Bearer nope');
    expect(missing.statusCode).toBe(401);
    messageBodySchema.parse(missing.json());
    const offersOnly = tokenResponseSchema.parse((await token('PAR_cpagraph_offers', 'cpagraph-offers-secret')).json()).access_token;
    const forbidden = await get('/partenaire/rome-metiers/v1/metiers/metier/M1805', `Bearer ${offersOnly}`);
    expect(forbidden.statusCode).toBe(403);
    messageBodySchema.parse(forbidden.json());
  });

  it('limits a client to 10 requests/s: 429 with Retry-After and the x-ratelimit headers', async () => {
    const dev = tokenResponseSchema.parse((await token('PAR_cpagraph_dev', 'cpagraph-dev-secret')).json()).access_token;
    const answers = await Promise.all(Array.from({ length: 14 }, () => get('/partenaire/offresdemploi/v2/offres/ABC', `Bearer ${dev}`)));
    const limited = answers.filter((answer) => answer.statusCode === 429);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    expect(limited[0]?.headers['retry-after']).toBe('1');
    expect(answers[0]?.headers['x-ratelimit-replenish-rate-clientidlimiter']).toBe('10');
    messageBodySchema.parse(limited[0]?.json());
  });
});

describe('Offres d\'emploi v2', () => {
  it('answers 206 with Content-Range and Accept-Range when more results exist', async () => {
    const answer = await search('codeROME=M1805&range=0-9');
    expect(answer.statusCode).toBe(206);
    expect(answer.headers['accept-range']).toBe('150');
    const total = Number(/^offres 0-9\/(\d+)$/.exec(String(answer.headers['content-range']))?.[1]);
    expect(total).toBeGreaterThan(10);
    const body = offerSearchSchema.parse(answer.json());
    expect(body.resultats.items).toHaveLength(10);
    expect(body.resultats.items.every((offer) => offer.romeCode === 'M1805')).toBe(true);
    expect(Math.max(...body.filtresPossibles.items.map((group) => group.agregation.items.reduce((sum, item) => sum + (item.nbResultats ?? 0), 0)))).toBe(total);
  });

  it('answers 200 when the whole result set fits, 204 without a body when nothing matches or the range is past the end', async () => {
    const complete = await search('codeROME=M1805&departement=33&range=0-149');
    expect(complete.statusCode).toBe(200);
    offerSearchSchema.parse(complete.json());
    const none = await search('codeROME=A1101&commune=75056&distance=0');
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
    expect((await search('codeROME=M1805&range=3000-3000')).statusCode).toBe(204);
  });

  it('filters by commune within a real great-circle distance and sorts by distance', async () => {
    const body = offerSearchSchema.parse((await search('commune=35238&distance=20&sort=2&range=0-149')).json());
    expect(body.resultats.items.length).toBeGreaterThan(0);
    for (const offer of body.resultats.items) {
      const { latitude = 0, longitude = 0 } = offer.lieuTravail ?? {};
      const km = Math.hypot((latitude ?? 0) - 48.11, ((longitude ?? 0) + 1.68) * Math.cos((48.11 * Math.PI) / 180)) * 111;
      expect(km).toBeLessThan(22);
    }
  });

  it('writes lieuTravail.libelle as "<dept> - <COMMUNE>" and arrondissements like "75 - PARIS 15"', async () => {
    const body = offerSearchSchema.parse((await search('departement=75&range=0-49')).json());
    for (const offer of body.resultats.items) expect(offer.lieuTravail?.libelle).toMatch(/^75 - PARIS \d{2}$/);
  });

  it('honours publieeDepuis and typeContrat', async () => {
    const body = offerSearchSchema.parse((await search('publieeDepuis=7&typeContrat=CDD,MIS&range=0-149')).json());
    expect(body.resultats.items.every((offer) => ['CDD', 'MIS'].includes(offer.typeContrat ?? ''))).toBe(true);
    const newest = Date.parse(body.resultats.items[0]?.dateCreation ?? '');
    expect(body.resultats.items.every((offer) => newest - Date.parse(offer.dateCreation ?? '') <= 8 * 86_400_000)).toBe(true);
  });

  it('answers the exact 400 messages', async () => {
    const cases: [string, string][] = [
      ['motsCles=a', 'Format du paramètre « motsCles » incorrect. 7 mots-clé au maximum séparés par des virgules et d\'au moins 2 caractères.'],
      ['range=0-199', 'La plage de résultats demandée est trop importante.'],
      ['range=abc', 'Format du paramètre « range » incorrect. <entier>-<entier> attendu.'],
      ['range=3001-3010', 'La position de début doit être inférieure ou égale à 3000.'],
      ['publieeDepuis=2', 'Valeur du paramètre « publieeDepuis » incorrecte.'],
      ['departement=999', 'Valeur du paramètre « departement » incorrecte.'],
    ];
    for (const [query, message] of cases) {
      const answer = await search(query);
      expect(answer.statusCode).toBe(400);
      expect(messageBodySchema.parse(answer.json()).message).toBe(message);
    }
  });

  it('serves one offer (200), 204 when absent, 400 on a malformed id', async () => {
    const first = offerSearchSchema.parse((await search('range=0-0')).json()).resultats.items[0];
    const found = await get(`/partenaire/offresdemploi/v2/offres/${first?.id}`);
    expect(found.statusCode).toBe(200);
    expect(offerSchema.parse(found.json()).id).toBe(first?.id);
    expect((await get('/partenaire/offresdemploi/v2/offres/000AAAA')).statusCode).toBe(204);
    const malformed = await get('/partenaire/offresdemploi/v2/offres/bad-id');
    expect(malformed.statusCode).toBe(400);
    expect(messageBodySchema.parse(malformed.json()).message).toBe("Le format de l'id de l'offre recherchée est incorrect.");
  });
});

describe('ROME 4.0', () => {
  it('lists métiers (champs=code,libelle) and serves the full object and the fiche', async () => {
    const list = metierListSchema.parse((await get('/partenaire/rome-metiers/v1/metiers/metier?champs=code,libelle')).json());
    expect(list.items).toHaveLength(532);
    expect(list.dropped).toEqual([]);
    const metier = metierSchema.parse((await get('/partenaire/rome-metiers/v1/metiers/metier/M1805')).json());
    expect(metier).toMatchObject({ code: 'M1805', libelle: 'Études et développement informatique', domaineProfessionnel: { code: 'M18', grandDomaine: { code: 'M' } } });
    expect(metier.appellations.length).toBeGreaterThanOrEqual(3);
    // The real métier object has no mobility links (labonnealternance's strict ZRomeDetail): neither has ours.
    expect((await get('/partenaire/rome-metiers/v1/metiers/metier/M1805')).json()).not.toHaveProperty('metiersEnProximite');
    const fiche = ficheMetierSchema.parse((await get('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/M1805')).json());
    expect(fiche.groupesCompetencesMobilisees.flatMap((group) => group.competences.items).length).toBe(metier.competencesMobilisees.length);
    ficheListSchema.parse((await get('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier')).json());
  });

  it('serves the ROME open-data archive without a token: the mobility CSV the client reads, links to real codes', async () => {
    const response = await app.inject({ url: `/francetravail${ROME_OPEN_DATA_PATH}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(response.rawPayload);
    expect(Object.keys(files).sort()).toEqual(['unix_rubrique_mobilite_v461_utf8.csv', 'version.txt']);
    const csv = files['unix_rubrique_mobilite_v461_utf8.csv'] ?? new Uint8Array();
    // The ROME 4.0 layout of the real v461 file (see test/contracts/payloads/sources.json).
    expect(Buffer.from(csv).toString('utf8').split('\n')[0]).toBe('"code_rome","code_rome_cible","numero_ordre"');
    const links = parseMobilityCsv(csv, 'france-travail');
    const list = metierListSchema.parse((await get('/partenaire/rome-metiers/v1/metiers/metier?champs=code,libelle')).json());
    const known = new Set(list.items.map((item) => item.code));
    expect(links['M1805']?.length).toBeGreaterThan(0);
    expect(Object.entries(links).every(([code, targets]) => known.has(code) && targets.every((target) => known.has(target) && target !== code))).toBe(true);
  });

  it('projects nested champs and answers 404 for an unknown code', async () => {
    const projected = (await get('/partenaire/rome-metiers/v1/metiers/metier/M1805?champs=code,formacodes(code)')).json();
    expect(Object.keys(projected)).toEqual(['code', 'formacodes']);
    expect(Object.keys(projected.formacodes[0])).toEqual(['code']);
    const unknown = await get('/partenaire/rome-metiers/v1/metiers/metier/Z9999');
    expect(unknown.statusCode).toBe(404);
    messageBodySchema.parse(unknown.json());
  });
});

describe('La Bonne Boîte v2', () => {
  it('searches by ROME around a place; 422 without a location or beyond 200 km', async () => {
    const body = lbbSearchSchema.parse((await get('/partenaire/labonneboite/v2/recherche?latitude=48.86&longitude=2.34&distance=100&page_size=5')).json());
    expect(body.items.items.length).toBeLessThanOrEqual(5);
    expect(body.hits).toBeGreaterThan(0);
    const rome = body.items.items[0]?.rome ?? 'M1805';
    const near = lbbSearchSchema.parse((await get(`/partenaire/labonneboite/v2/recherche?rome=${rome}&latitude=48.86&longitude=2.34&distance=200`)).json());
    expect(near.items.items.every((item) => item.rome === rome)).toBe(true);
    for (const query of ['rome=M1805', 'rome=M1805&citycode=75056&distance=201', 'rome=M1805&citycode=75056&page_size=101']) {
      const answer = await get(`/partenaire/labonneboite/v2/recherche?${query}`);
      expect(answer.statusCode).toBe(422);
      lbbErrorSchema.parse(answer.json());
    }
    const one = lbbSearchSchema.parse((await get(`/partenaire/labonneboite/v2/potentielEmbauche?siret=${body.items.items[0]?.siret}`)).json());
    expect(one.items.items[0]?.siret).toBe(body.items.items[0]?.siret);
  });
});

describe('Training outcomes', () => {
  const post = (body: object) =>
    app.inject({ method: 'POST', url: '/francetravail/partenaire/stats-entrees-sorties-formations/v1/indicateur/stat-acces-emploi-sorties-formation', headers: { authorization: bearer }, payload: body });
  const key = (codeActivite: string, codeTerritoire: string) => ({ codeTypeTerritoire: 'DEP', codeTerritoire, codeTypeActivite: 'FORM14', codeActivite, codeTypePeriode: 'TRIMESTRE', codeTypeNomenclature: 'ACCESEMP' });

  it('answers stable figures per key and 404 for keys without data', async () => {
    const statuses = new Map<number, number>();
    let sample: unknown;
    for (const department of ['33', '35', '38', '59', '69', '75', '13', '31', '44', '67']) {
      const answer = await post(key('31054', department));
      statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
      if (answer.statusCode === 200) sample ??= answer.json();
      else messageBodySchema.parse(answer.json());
    }
    expect(statuses.get(200)).toBeGreaterThan(0);
    const parsed = outcomeResponseSchema.parse(sample);
    expect(parsed.listeValeursParPeriode.items[0]?.codePeriode).toMatch(/^\d{4}T[1-4]$/);
    expect((await post(key('31054', '33'))).body).toBe((await post(key('31054', '33'))).body);
    expect((await post({ nope: true })).statusCode).toBe(400);
  });
});

