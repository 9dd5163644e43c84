import type { FastifyInstance } from 'fastify';
import type { World } from '../data/world.js';
import type { Guard } from './guard.js';

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
 * Job-seeker status of one person, shaped after API Particulier v3
 * `/v3/france_travail/statut/identifiant` (upstreams.md §2), served here with a France Travail
 * bearer token (scope `api_statut-demandeurv1 statut`, a simulator extension). Additions to the
 * recorded payload: `data.inscription.categorie_statistique` (A–E), `data.metier_recherche`
 * `{code_rome, libelle}` and `data.indemnisation` `{allocation, montant_journalier_brut, date_fin_droits}` or null.
 */
export function registerJobSeekerRoutes(app: FastifyInstance, world: World, guard: Guard): void {
  app.get('/v3/france_travail/statut/identifiant', { preHandler: guard('statut') }, async (request, reply) => {
    const identifiant = (request.query as Record<string, string | undefined>)['identifiant'];
    if (!identifiant || !/^[A-Za-z0-9_-]{1,64}$/.test(identifiant)) {
      return reply.code(400).send({
        errors: [{ code: '00201', title: 'Entité non traitable', detail: "Le paramètre « identifiant » est manquant ou invalide.", source: { parameter: 'identifiant' }, meta: {} }],
      });
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
