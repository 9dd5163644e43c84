import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  droitsTitulaireSchema,
  erreurJetonSchema,
  erreurSchema,
  jetonSchema,
  pageMouvementsSchema,
  rechercheDroitsSchema,
  type DroitsTitulaire,
} from '../../subgraphs/caisse-des-depots/src/infra/cdc-rights.response.js';
import { createSimulator } from '../server.js';
import { MAX_BATCH } from './routes.js';

/** Contract tests: the simulator's answers parse with the schemas the subgraph's client parses with. */
let app: FastifyInstance;
let bearer: string;

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

async function token(clientId: string, secret: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/caissedesdepots/oauth/token', ...form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }) });
  return jetonSchema.parse(response.json()).access_token;
}

async function droits(id: string): Promise<DroitsTitulaire> {
  const response = await app.inject({ method: 'GET', url: `/caissedesdepots/api/cpa/v1/titulaires/${id}/droits`, headers: { authorization: `Bearer ${bearer}` } });
  expect(response.statusCode).toBe(200);
  return droitsTitulaireSchema.parse(response.json());
}

beforeAll(async () => {
  ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  await app.ready();
  bearer = await token('cpa-graph-dev', 'cpa-graph-dev-secret');
});
afterAll(async () => {
  await app.close();
});

describe('titulaire: birth date and commune of residence (#11)', () => {
  it('serves each holder\'s birth date and commune, and the schema keeps a record whose titulaire block is missing or malformed', async () => {
    expect((await droits('W000001')).titulaire).toEqual({ dateNaissance: '1975-01-15', communeResidence: { codeInsee: '69123', codePostal: '69001', libelle: 'Lyon' } });
    const raw = (await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000003/droits', headers: { authorization: `Bearer ${bearer}` } })).json() as Record<string, unknown>;
    const { titulaire: _dropped, ...withoutTitulaire } = raw;
    expect(droitsTitulaireSchema.parse(withoutTitulaire)).toMatchObject({ idTitulaire: 'W000003', titulaire: null, cpf: { solde: 2700 } });
    const malformed = droitsTitulaireSchema.parse({ ...raw, titulaire: { dateNaissance: '15/03/1981', communeResidence: { codeInsee: '1305', libelle: 'Marseille' } } });
    expect(malformed.titulaire).toEqual({ dateNaissance: null, communeResidence: null });
  });
});

describe('CDC token endpoint (client credentials)', () => {
  it('refuses a wrong secret with 401 invalid_client and an unknown grant with 400', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/caissedesdepots/oauth/token', ...form({ grant_type: 'client_credentials', client_id: 'cpa-graph-dev', client_secret: 'nope' }) });
    expect(wrong.statusCode).toBe(401);
    expect(erreurJetonSchema.parse(wrong.json()).error).toBe('invalid_client');
    const grant = await app.inject({ method: 'POST', url: '/caissedesdepots/oauth/token', ...form({ grant_type: 'password' }) });
    expect(grant.statusCode).toBe(400);
    expect(erreurJetonSchema.parse(grant.json()).error).toBe('unsupported_grant_type');
  });

  it('accepts HTTP Basic client authentication', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/caissedesdepots/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('cpa-graph-dev:cpa-graph-dev-secret').toString('base64')}` },
      payload: 'grant_type=client_credentials',
    });
    expect(jetonSchema.parse(response.json()).scope).toBe('droits.lecture');
  });

  it('answers 401 JETON_INVALIDE without a token and 403 DROIT_INSUFFISANT without the scope', async () => {
    const none = await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000001/droits' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('invalid_token');
    expect(erreurSchema.parse(none.json()).code).toBe('JETON_INVALIDE');
    const scopeless = await token('cpa-graph-sans-droits', 'sans-droits-secret');
    const denied = await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000001/droits', headers: { authorization: `Bearer ${scopeless}` } });
    expect(denied.statusCode).toBe(403);
    expect(erreurSchema.parse(denied.json()).code).toBe('DROIT_INSUFFISANT');
  });
});

describe('rights of one holder', () => {
  it('demo workers make sense', async () => {
    const [w1, w2, w3, w4, w5, w8, w9] = await Promise.all(['W000001', 'W000002', 'W000003', 'W000004', 'W000005', 'W000008', 'W000009'].map(droits));
    expect(w1?.cpf).toMatchObject({ solde: 5000, plafond: 5000, regime: 'DROIT_COMMUN' });
    expect(w2?.cpf).toMatchObject({ plafond: 8000, regime: 'BAS_NIVEAU_QUALIFICATION' });
    expect(w2?.cpf.solde).toBeGreaterThan(7000);
    expect(w2?.cpf.solde).toBeLessThan(8000);
    expect(w3?.c2p).toMatchObject({ pointsAcquis: 56, pointsDisponibles: 56, facteurs: ['TRAVAIL_DE_NUIT', 'EQUIPES_SUCCESSIVES_ALTERNANTES'] });
    expect(w4?.cec).toMatchObject({ montantAcquis: 720, plafond: 720 });
    expect(w5?.situation.demandeurEmploiInscrit).toBe(true);
    expect(w1?.situation.demandeurEmploiInscrit).toBe(false);
    expect(w9?.cpf.solde).toBeLessThanOrEqual(1000);
    expect(w8?.c2p).toBeNull();
  });

  it('answers 404 TITULAIRE_INCONNU and 400 REQUETE_INVALIDE in French', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W999999/droits', headers: { authorization: `Bearer ${bearer}` } });
    expect(unknown.statusCode).toBe(404);
    expect(erreurSchema.parse(unknown.json()).code).toBe('TITULAIRE_INCONNU');
    const malformed = await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/%20bad/droits', headers: { authorization: `Bearer ${bearer}` } });
    expect(malformed.statusCode).toBe(400);
    expect(erreurSchema.parse(malformed.json())).toMatchObject({ code: 'REQUETE_INVALIDE', champ: 'idTitulaire' });
  });
});

describe('batch and movements', () => {
  it('serves every one of the 2,000 holders in batches, each valid and consistent with its movements', async () => {
    let seen = 0;
    for (let start = 1; start <= 2000; start += MAX_BATCH) {
      const ids = Array.from({ length: MAX_BATCH }, (_, index) => `W${String(start + index).padStart(6, '0')}`);
      const response = await app.inject({ method: 'POST', url: '/caissedesdepots/api/cpa/v1/droits/recherche', headers: { authorization: `Bearer ${bearer}` }, payload: { idsTitulaires: ids } });
      const body = rechercheDroitsSchema.parse(response.json());
      expect(body.inconnus).toEqual([]);
      for (const holder of body.resultats) {
        expect(holder.cpf.solde).toBeGreaterThanOrEqual(0);
        if (holder.c2p) expect(holder.c2p.pointsDisponibles).toBe(holder.c2p.pointsAcquis - holder.c2p.pointsConsommes);
        if (holder.cec) expect(holder.cec.montantAcquis).toBeLessThanOrEqual(720);
      }
      seen += body.resultats.length;
    }
    expect(seen).toBe(2000);
  });

  it('lists unknown ids apart and refuses more than the maximum batch', async () => {
    const response = await app.inject({ method: 'POST', url: '/caissedesdepots/api/cpa/v1/droits/recherche', headers: { authorization: `Bearer ${bearer}` }, payload: { idsTitulaires: ['W000001', 'W999999', 'W000001'] } });
    const body = rechercheDroitsSchema.parse(response.json());
    expect(body.resultats.map((holder) => holder.idTitulaire)).toEqual(['W000001']);
    expect(body.inconnus).toEqual(['W999999']);
    const tooMany = await app.inject({ method: 'POST', url: '/caissedesdepots/api/cpa/v1/droits/recherche', headers: { authorization: `Bearer ${bearer}` }, payload: { idsTitulaires: Array.from({ length: MAX_BATCH + 1 }, () => 'W000001') } });
    expect(tooMany.statusCode).toBe(400);
    expect(erreurSchema.parse(tooMany.json()).champ).toBe('idsTitulaires');
  });

  it('pages movements newest first; they add up to the balance', async () => {
    const holder = await droits('W000003');
    const first = pageMouvementsSchema.parse((await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000003/mouvements?debut=0&nombre=3', headers: { authorization: `Bearer ${bearer}` } })).json());
    const all = pageMouvementsSchema.parse((await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000003/mouvements?nombre=100', headers: { authorization: `Bearer ${bearer}` } })).json());
    expect(first.mouvements).toEqual(all.mouvements.slice(0, 3));
    expect(all.nombreTotal).toBe(holder.cpf.nombreMouvements);
    const dates = all.mouvements.map((movement) => movement.dateOperation);
    expect(dates).toEqual([...dates].sort().reverse());
    const sumCents = all.mouvements.reduce((sum, movement) => sum + Math.round(movement.montant * 100), 0);
    expect(sumCents).toBe(Math.round(holder.cpf.solde * 100));
    expect(all.mouvements.some((movement) => movement.type === 'ACHAT_FORMATION')).toBe(true);
    const bad = await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000003/mouvements?nombre=500', headers: { authorization: `Bearer ${bearer}` } });
    expect(bad.statusCode).toBe(400);
  });

  it('credits a 40 % part-timer pro rata (200 € a year)', async () => {
    const page = pageMouvementsSchema.parse((await app.inject({ method: 'GET', url: '/caissedesdepots/api/cpa/v1/titulaires/W000008/mouvements?nombre=100', headers: { authorization: `Bearer ${bearer}` } })).json());
    const credits = page.mouvements.filter((movement) => movement.type === 'ALIMENTATION_ACTIVITE').map((movement) => movement.montant);
    expect(credits).toEqual([200, 200, 200, 200, 200, 200, 200]);
  });
});

describe('determinism', () => {
  it('builds the same dossiers from the same seed', async () => {
    const { buildWorld } = await import('../data/world.js');
    const { buildDossier } = await import('./dossier.js');
    const world = buildWorld();
    const sample = world.workers.slice(0, 60);
    expect(sample.map((worker) => buildDossier(worker, world.seed))).toEqual(sample.map((worker) => buildDossier(worker, world.seed)));
  });
});
