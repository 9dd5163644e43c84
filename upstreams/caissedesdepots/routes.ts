import type { OperatorPlugin } from '../operators.js';
import { createTokenStore } from './auth.js';
import { buildDossier, type Dossier } from './dossier.js';
import { erreur } from './errors.js';
import { droitsPayload, mouvementPayload } from './payload.js';

/** Largest batch `POST /api/cpa/v1/droits/recherche` accepts. */
export const MAX_BATCH = 50;
export const MAX_PAGE = 100;
const ID_TITULAIRE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * The Caisse des dépôts CPF rights API (no public equivalent exists: designed here, documented
 * in README.md). Dossiers are computed once at start; every lookup is a Map hit.
 */
export const caissedesdepotsRoutes: OperatorPlugin = (app, context) => {
  const dossiers = new Map<string, Dossier>(context.world.workers.map((worker) => [worker.id, buildDossier(worker, context.world.seed)]));
  const tokens = createTokenStore();

  app.post('/oauth/token', tokens.issue);

  app.register(async (api) => {
    api.addHook('onRequest', tokens.guard);

    api.get<{ Params: { idTitulaire: string } }>('/titulaires/:idTitulaire/droits', async (request, reply) => {
      const { idTitulaire } = request.params;
      if (!ID_TITULAIRE.test(idTitulaire)) return erreur(reply, 'REQUETE_INVALIDE', "Identifiant de titulaire mal formé.", 'idTitulaire');
      const dossier = dossiers.get(idTitulaire);
      if (!dossier) return erreur(reply, 'TITULAIRE_INCONNU', `Aucun titulaire ne correspond à l'identifiant ${idTitulaire}.`);
      return droitsPayload(dossier);
    });

    api.post('/droits/recherche', async (request, reply) => {
      const ids = (request.body as { idsTitulaires?: unknown } | undefined)?.idsTitulaires;
      if (!Array.isArray(ids) || ids.length === 0) return erreur(reply, 'REQUETE_INVALIDE', 'idsTitulaires doit être une liste non vide.', 'idsTitulaires');
      if (ids.length > MAX_BATCH) return erreur(reply, 'REQUETE_INVALIDE', `idsTitulaires accepte au plus ${MAX_BATCH} identifiants.`, 'idsTitulaires');
      if (!ids.every((id): id is string => typeof id === 'string' && ID_TITULAIRE.test(id))) {
        return erreur(reply, 'REQUETE_INVALIDE', 'Identifiant de titulaire mal formé.', 'idsTitulaires');
      }
      const distinct = [...new Set(ids)];
      const found = distinct.map((id) => dossiers.get(id)).filter((dossier): dossier is Dossier => dossier !== undefined);
      return { resultats: found.map(droitsPayload), inconnus: distinct.filter((id) => !dossiers.has(id)) };
    });

    api.get<{ Params: { idTitulaire: string }; Querystring: { debut?: string; nombre?: string } }>('/titulaires/:idTitulaire/mouvements', async (request, reply) => {
      const { idTitulaire } = request.params;
      if (!ID_TITULAIRE.test(idTitulaire)) return erreur(reply, 'REQUETE_INVALIDE', 'Identifiant de titulaire mal formé.', 'idTitulaire');
      const debut = request.query.debut === undefined ? 0 : Number(request.query.debut);
      const nombre = request.query.nombre === undefined ? 20 : Number(request.query.nombre);
      if (!Number.isInteger(debut) || debut < 0) return erreur(reply, 'REQUETE_INVALIDE', 'debut doit être un entier positif ou nul.', 'debut');
      if (!Number.isInteger(nombre) || nombre < 1 || nombre > MAX_PAGE) return erreur(reply, 'REQUETE_INVALIDE', `nombre doit être compris entre 1 et ${MAX_PAGE}.`, 'nombre');
      const dossier = dossiers.get(idTitulaire);
      if (!dossier) return erreur(reply, 'TITULAIRE_INCONNU', `Aucun titulaire ne correspond à l'identifiant ${idTitulaire}.`);
      return {
        idTitulaire,
        nombreTotal: dossier.mouvements.length,
        debut,
        nombre,
        mouvements: dossier.mouvements.slice(debut, debut + nombre).map(mouvementPayload),
      };
    });
  }, { prefix: '/api/cpa/v1' });
};
