import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { World } from '../data/world.js';

/** The development API Particulier token (the subgraph's default `API_PARTICULIER_TOKEN`). */
export const DEV_API_PARTICULIER_TOKEN = 'cpagraph-dev-api-particulier';

const ACCEPTED_TOKENS = new Set([DEV_API_PARTICULIER_TOKEN]);
/** A deployment's own API_PARTICULIER_TOKEN, accepted beside the development one. */
export const acceptToken = (token: string): void => void ACCEPTED_TOKENS.add(token);

const SIRET = /^\d{14}$/;

const error = (code: string, title: string, detail: string, source: Record<string, string> | null = null) => ({ errors: [{ code, title, detail, source, meta: {} }] });

/** API Particulier v3 authentication: `Authorization: Bearer <jeton>`, then the mandatory `recipient` (SIRET of the administration asking). */
async function guard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ') || !ACCEPTED_TOKENS.has(header.slice('Bearer '.length))) {
    return reply.code(401).send(error('00101', "Interdit d'accès", "Votre jeton d'API n'a pas été trouvé ou n'est pas valide."));
  }
  const recipient = (request.query as Record<string, string | undefined>)['recipient'];
  if (!recipient || !SIRET.test(recipient)) {
    return reply.code(422).send(error('00210', 'Entité non traitable', "Le paramètre recipient n'est pas un numéro de SIRET valide.", { parameter: 'recipient' }));
  }
  return undefined;
}

/** API Particulier's numeric catégories; the DARES A–E category is added as `categorie_statistique`. */
const CATEGORIES = {
  A: { code: 1, libelle: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS' },
  B: { code: 2, libelle: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PARTIEL' },
  C: { code: 3, libelle: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE DETERMINEE OU SAISONNIER' },
  D: { code: 4, libelle: 'PERSONNE SANS EMPLOI NON DISPONIBLE IMMEDIATEMENT' },
  E: { code: 5, libelle: "PERSONNE POURVUE D'UN EMPLOI A LA RECHERCHE D'UN AUTRE EMPLOI" },
} as const;

const notFoundBody = {
  errors: [
    {
      code: '24003',
      title: 'Entité non trouvée',
      detail: "Aucune situation France Travail n'a pu être trouvée avec les critères de recherche fournis.",
      source: null,
      meta: { provider: 'France Travail' },
    },
  ],
};

/**
 * Job-seeker status of one person: API Particulier v3 `GET /v3/france_travail/statut/identifiant
 * ?identifiant=…&recipient=<SIRET>` (host particulier.api.gouv.fr; upstreams.md §2, the etalab
 * staging payloads), bearer token. Additions to the recorded payload, our design, optional for
 * the client: `data.inscription.categorie_statistique` (A–E), `data.metier_recherche`
 * `{code_rome, libelle}` and `data.indemnisation` `{allocation, montant_journalier_brut, date_fin_droits}` or null.
 */
export function registerStatutRoutes(app: FastifyInstance, world: World): void {
  app.get('/v3/france_travail/statut/identifiant', { preHandler: guard }, async (request, reply) => {
    const identifiant = (request.query as Record<string, string | undefined>)['identifiant'];
    if (!identifiant || !/^[A-Za-z0-9_-]{1,64}$/.test(identifiant)) {
      return reply.code(422).send(error('00201', 'Entité non traitable', "Le paramètre « identifiant » est manquant ou invalide.", { parameter: 'identifiant' }));
    }
    const worker = world.workerById.get(identifiant);
    const status = worker?.jobSeeker;
    if (!worker || !status?.registered) return reply.code(404).send(notFoundBody);
    const category = CATEGORIES[status.category];
    const postalCode = worker.commune.postalCodes[0] ?? '';
    return reply.send({
      data: {
        identifiant,
        identite: {
          civilite: null,
          nom_naissance: worker.lastName.toUpperCase(),
          nom_usage: null,
          prenom: worker.firstName.toUpperCase(),
          sexe: null,
          date_naissance: worker.birthDate,
        },
        contact: { email: null, telephone: null, telephone2: null },
        adresse: { code_cog_insee_commune: worker.commune.insee, code_postal: postalCode, ligne_voie: null, localite: `${postalCode} ${worker.commune.name.toUpperCase()}` },
        inscription: {
          date_debut: status.since,
          date_fin: null,
          code_certification_cnav: 'VC',
          categorie: category,
          categorie_statistique: status.category,
        },
        metier_recherche: { code_rome: status.soughtRome, libelle: world.refs.romeByCode.get(status.soughtRome)?.label ?? null },
        indemnisation: status.allowance
          ? { allocation: status.allowance.kind, montant_journalier_brut: status.allowance.dailyAmountCents / 100, date_fin_droits: status.allowance.endDate }
          : null,
      },
      links: {},
      meta: {},
    });
  });
}
