import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobSeekerStatusSchema, particulierErrorSchema } from '../../subgraphs/france-travail/src/infra/job-seeker.response.js';
import { createSimulator } from '../server.js';
import { DEV_API_PARTICULIER_TOKEN } from './statut.routes.js';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
});

const statut = (query: string, token = DEV_API_PARTICULIER_TOKEN) =>
  app.inject({ url: `/api-particulier/v3/france_travail/statut/identifiant?${query}`, headers: { authorization: `Bearer ${token}` } });

describe('API Particulier v3 France Travail status (simulator)', () => {
  it('answers the staging payload shape for a registered worker and 404 errors[] code 24003 otherwise', async () => {
    const found = jobSeekerStatusSchema.parse((await statut('identifiant=W000005&recipient=13002526500013')).json());
    expect(found.data.inscription).toMatchObject({ date_debut: '2024-02-05', categorie_statistique: 'A', categorie: { code: 1 } });
    expect(found.data.metier_recherche?.code_rome).toBe('M1805');
    expect(found.data.indemnisation).toMatchObject({ allocation: 'ARE', montant_journalier_brut: 58.43 });
    const missing = await statut('identifiant=W000001&recipient=13002526500013');
    expect(missing.statusCode).toBe(404);
    expect(particulierErrorSchema.parse(missing.json()).errors[0]?.code).toBe('24003');
  });

  it('refuses a bad token (401), a missing recipient (422 on recipient) and a malformed identifiant (422)', async () => {
    const unauthorised = await statut('identifiant=W000005&recipient=13002526500013', 'nope');
    expect(unauthorised.statusCode).toBe(401);
    expect(particulierErrorSchema.parse(unauthorised.json()).errors[0]?.code).toBe('00101');
    const noRecipient = await statut('identifiant=W000005');
    expect(noRecipient.statusCode).toBe(422);
    expect(particulierErrorSchema.parse(noRecipient.json()).errors[0]?.source?.parameter).toBe('recipient');
    const badId = await statut('identifiant=bad%20id&recipient=13002526500013');
    expect(badId.statusCode).toBe(422);
    expect(particulierErrorSchema.parse(badId.json()).errors[0]?.source?.parameter).toBe('identifiant');
  });
});
