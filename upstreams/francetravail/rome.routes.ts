import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseChamps, project } from './champs.js';
import { renderFiche, renderMetier, type RomeMetier } from './rome.data.js';
import type { Guard } from './guard.js';

const ROME_CODE = /^[A-N]\d{4}$/;

function withChamps(reply: FastifyReply, champs: unknown, value: unknown) {
  if (champs === undefined || champs === '') return reply.send(value);
  const selector = parseChamps(String(champs));
  if (!selector) return reply.code(400).send({ message: 'Format du paramètre « champs » incorrect.' });
  return reply.send(project(value, selector));
}

/**
 * ROME 4.0 Métiers and Fiches métiers. An unknown (well-formed or not) code answers 404
 * `{"message": …}`: the public record shows no other status for it (simulator choice).
 */
export function registerRomeRoutes(app: FastifyInstance, metiers: Map<string, RomeMetier>, guard: Guard): void {
  const list = [...metiers.values()];
  const notFound = (reply: FastifyReply, code: string) => reply.code(404).send({ message: `Aucun métier trouvé pour le code ${code}.` });

  app.get('/partenaire/rome-metiers/v1/metiers/metier', { preHandler: guard('romeMetiers') }, async (request, reply) => {
    const { champs } = request.query as Record<string, string | undefined>;
    // Without `champs` the list carries code and libelle only: the full objects are for the detail route.
    return withChamps(reply, champs, champs ? list.map(renderMetier) : list.map(({ code, libelle }) => ({ code, libelle })));
  });

  app.get('/partenaire/rome-metiers/v1/metiers/metier/:code', { preHandler: guard('romeMetiers') }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const metier = ROME_CODE.test(code) ? metiers.get(code) : undefined;
    if (!metier) return notFound(reply, code);
    return withChamps(reply, (request.query as Record<string, string | undefined>).champs, renderMetier(metier));
  });

  app.get('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier', { preHandler: guard('romeFiches') }, async (_request, reply) =>
    reply.send(list.map(({ code, libelle }) => ({ code, metier: { code, libelle } }))),
  );

  app.get('/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/:code', { preHandler: guard('romeFiches') }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const metier = ROME_CODE.test(code) ? metiers.get(code) : undefined;
    if (!metier) return notFound(reply, code);
    return reply.send(renderFiche(metier));
  });
}
