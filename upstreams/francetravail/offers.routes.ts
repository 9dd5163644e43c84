import type { FastifyInstance } from 'fastify';
import type { References } from '../data/references.js';
import type { Guard } from './guard.js';
import type { OfferIndex } from './offers.data.js';
import { aggregations, MAX_RANGE_SPAN, parseSearch, searchOffers } from './offers.search.js';

const OFFER_ID = /^[A-Z0-9]{7}$/;

/** Offres d'emploi v2: search with 200/206/204 and Content-Range, detail with 200/204/400 (upstreams.md §1). */
export function registerOfferRoutes(app: FastifyInstance, index: OfferIndex, refs: References, today: Date, guard: Guard): void {
  app.get('/partenaire/offresdemploi/v2/offres/search', { preHandler: guard('offres') }, async (request, reply) => {
    const parsed = parseSearch(request.query as Record<string, string | undefined>, refs);
    if (!parsed.ok) return reply.code(400).send({ message: parsed.message });
    const { criteria } = parsed;
    const matches = searchOffers(index, criteria, today);
    const total = matches.length;
    if (total === 0 || criteria.start >= total) return reply.code(204).send();
    const last = Math.min(criteria.end, total - 1);
    const complete = criteria.start === 0 && last === total - 1;
    return reply
      .code(complete ? 200 : 206)
      .header('content-range', `offres ${criteria.start}-${last}/${total}`)
      .header('accept-range', String(MAX_RANGE_SPAN))
      .send({ resultats: matches.slice(criteria.start, last + 1).map((offer) => offer.json), filtresPossibles: aggregations(matches) });
  });

  app.get('/partenaire/offresdemploi/v2/offres/:id', { preHandler: guard('offres') }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!OFFER_ID.test(id)) return reply.code(400).send({ message: "Le format de l'id de l'offre recherchée est incorrect." });
    const offer = index.byId.get(id);
    // Absent or expired offers answer 204 without a body, as 1j1s expects (never 404).
    if (!offer) return reply.code(204).send();
    return reply.send(offer.json);
  });
}
