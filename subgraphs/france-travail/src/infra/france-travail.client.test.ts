import { describe, expect, it } from 'vitest';
import { aCache, aMockedClient } from './france-travail.fixture.js';
import { createJobOfferRepository } from './offers.repository.js';
import { anOffer, anOfferSearch } from './offers.response.fixture.js';

const asIs = <T>(response: T): T => response;
const SEARCH = '/partenaire/offresdemploi/v2/offres/search';
const search = { keywords: [], romeCodes: ['M1805'], place: null, contractTypes: [], publishedSinceDays: null };

describe('France Travail token', () => {
  it('requests one token for many calls, and one for concurrent first calls (single-flight)', async () => {
    const { client, state, answer } = aMockedClient();
    for (let index = 0; index < 5; index += 1) answer('/x', 200, {});
    await Promise.all(Array.from({ length: 5 }, () => client.send({ method: 'GET', path: '/x' }, asIs)));
    expect(state.tokenCalls).toBe(1);
    expect(new Set(state.bearers)).toEqual(new Set(['Bearer token-1']));
  });

  it('renews the token shortly before expires_in', async () => {
    const { client, state, answer, advance } = aMockedClient({ expiresIn: 1499 });
    answer('/x', 200, {});
    answer('/x', 200, {});
    answer('/x', 200, {});
    await client.send({ method: 'GET', path: '/x' }, asIs);
    advance(1_000_000);
    await client.send({ method: 'GET', path: '/x' }, asIs);
    expect(state.tokenCalls).toBe(1);
    advance(1499_000 - 60_000 - 1_000_000);
    await client.send({ method: 'GET', path: '/x' }, asIs);
    expect(state.tokenCalls).toBe(2);
  });

  it('refreshes the token once on a 401 and retries with the new one', async () => {
    const { client, state, answer } = aMockedClient();
    answer('/x', 401, { message: 'expired' });
    answer('/x', 200, { ok: true });
    const response = await client.send({ method: 'GET', path: '/x' }, asIs);
    expect(response.status).toBe(200);
    expect(state.bearers).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after a second 401: UPSTREAM_UNAVAILABLE, not a loop', async () => {
    const { client, state, answer } = aMockedClient();
    answer('/x', 401, { message: 'no' });
    answer('/x', 401, { message: 'no' });
    await expect(client.send({ method: 'GET', path: '/x' }, asIs)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: 'france-travail' });
    expect(state.tokenCalls).toBe(2);
  });
});

describe('France Travail statuses', () => {
  it('206: reads the page and the total from Content-Range', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 206, anOfferSearch({ resultats: [anOffer({ id: '1111111' }), anOffer({ id: '2222222' })] }), { 'content-range': 'offres 0-1/496' });
    const page = await createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 2 });
    expect(page.totalCount).toBe(496);
    expect(page.offers.map((offer) => offer.id)).toEqual(['1111111', '2222222']);
  });

  it('200 without Content-Range: the total falls back to the largest filtresPossibles sum', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 200, anOfferSearch());
    expect((await createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 20 })).totalCount).toBe(180);
  });

  it('204: no results, no body', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 204);
    expect(await createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 20 })).toEqual({ offers: [], totalCount: 0 });
    answer('/partenaire/offresdemploi/v2/offres/ABCDEFG', 204);
    expect(await createJobOfferRepository(client, aCache()).byId('ABCDEFG')).toBeNull();
  });

  it('400: BAD_USER_INPUT without the upstream message', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 400, { message: 'Valeur du paramètre « codeROME » incorrecte.' });
    const failure = await createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 20 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String((failure as Error).message)).not.toContain('codeROME');
  });

  it('429: retried after Retry-After, then RATE_LIMITED with the delay', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 429, { message: 'quota' }, { 'retry-after': '1' });
    answer(SEARCH, 200, anOfferSearch());
    expect((await client.send({ method: 'GET', path: SEARCH }, asIs)).status).toBe(200);
    answer(SEARCH, 429, { message: 'quota' }, { 'retry-after': '2' });
    answer(SEARCH, 429, { message: 'quota' }, { 'retry-after': '2' });
    await expect(client.send({ method: 'GET', path: SEARCH }, asIs)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
  });

  it('5xx and malformed bodies: UPSTREAM_UNAVAILABLE', async () => {
    const { client, answer } = aMockedClient();
    answer(SEARCH, 503, { message: 'down' });
    answer(SEARCH, 503, { message: 'down' });
    await expect(client.send({ method: 'GET', path: SEARCH }, asIs)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    answer(SEARCH, 200, '{"resultats": [{"id": ');
    await expect(createJobOfferRepository(client, aCache()).search(search, { offset: 0, limit: 20 })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});

describe('rate', () => {
  it('queues requests so no more than 10 start within any second', async () => {
    const { client, answer, state } = aMockedClient({ rate: 10 });
    for (let index = 0; index < 25; index += 1) answer('/x', 200, {});
    await Promise.all(Array.from({ length: 25 }, async () => client.send({ method: 'GET', path: '/x' }, asIs)));
    const starts = state.admittedAt;
    expect(state.sentAt).toHaveLength(25);
    expect(starts).toHaveLength(25);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(2000);
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(10);
  });
});
