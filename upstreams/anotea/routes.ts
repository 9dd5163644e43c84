import type { FastifyReply } from 'fastify';
import { simulatorToday } from '../francetravail/clock.js';
import type { OperatorPlugin } from '../operators.js';
import { buildReviews, type ReviewRecord } from './reviews.data.js';

/** Anotéa validates with Joi and answers Boom errors (upstreams.md §4.2). */
const badRequest = (reply: FastifyReply, message: string) => reply.code(400).send({ statusCode: 400, error: 'Bad Request', message });

const POSTAL_CODE = /^(([0-8][0-9])|(9[0-5])|(2[ab])|(97))[0-9]{3}$/;

function roundNotes(notes: Record<string, number>, decimals: boolean): Record<string, number> {
  return Object.fromEntries(Object.entries(notes).map(([name, value]) => [name, decimals ? Math.round(value * 10) / 10 : Math.round(value)]));
}

/**
 * Routes of the Anotéa simulator: `GET /api/v1/avis` with the documented filters, sorting and
 * pagination. Authentication is optional on the real v1 routes, so the HMAC header is not checked.
 */
export const anoteaRoutes: OperatorPlugin = (app, context) => {
  const index = buildReviews(context.world, simulatorToday());

  app.get('/api/v1/avis', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const siret = query['organisme_formateur'];
    if (siret !== undefined && !/^\d{9,15}$/.test(siret)) return badRequest(reply, '"organisme_formateur" length must be between 9 and 15 digits');
    const formacode = query['formacode'];
    if (formacode !== undefined && !/^\d{1,5}$/.test(formacode)) return badRequest(reply, '"formacode" must be a string of at most 5 digits');
    const certifInfo = query['certif_info'];
    const place = query['lieu_de_formation'];
    if (place !== undefined && !POSTAL_CODE.test(place)) return badRequest(reply, `"lieu_de_formation" with value "${place}" fails to match the required pattern`);
    const sort = query['tri'] ?? 'date';
    if (!['date', 'notes', 'formation'].includes(sort)) return badRequest(reply, '"tri" must be one of [date, notes, formation]');
    const order = query['ordre'] ?? 'desc';
    if (order !== 'asc' && order !== 'desc') return badRequest(reply, '"ordre" must be one of [asc, desc]');
    const page = Number(query['page'] ?? '0');
    if (!Number.isInteger(page) || page < 0) return badRequest(reply, '"page" must be greater than or equal to 0');
    const perPage = Number(query['items_par_page'] ?? '50');
    if (!Number.isInteger(perPage) || perPage < 1) return badRequest(reply, '"items_par_page" must be greater than or equal to 1');
    if (perPage > 2000) return badRequest(reply, '"items_par_page" must be less than or equal to 2000');
    const decimalsText = query['notes_decimales'] ?? 'false';
    if (decimalsText !== 'true' && decimalsText !== 'false') return badRequest(reply, '"notes_decimales" must be a boolean');

    // Start from the narrowest index the filters allow, then apply every filter.
    const candidates: ReviewRecord[][] = [];
    if (siret !== undefined) candidates.push(siret.length === 14 ? index.bySiret.get(siret) ?? [] : index.reviews.filter((review) => review.siret.startsWith(siret)));
    if (formacode !== undefined) candidates.push(index.byFormacodePrefix.get(formacode) ?? []);
    if (certifInfo !== undefined) candidates.push(index.byCertifInfo.get(certifInfo) ?? []);
    if (place !== undefined) candidates.push(index.byPostalCode.get(place) ?? []);
    const pool = candidates.length === 0 ? index.reviews : candidates.reduce((smallest, list) => (list.length < smallest.length ? list : smallest));
    const matches = pool.filter(
      (review) =>
        (siret === undefined || review.siret.startsWith(siret)) &&
        (formacode === undefined || review.formacodes.some((code) => (formacode.length < 5 ? code.startsWith(formacode) : code === formacode))) &&
        (certifInfo === undefined || review.certifInfo === certifInfo) &&
        (place === undefined || review.postalCode === place),
    );
    const direction = order === 'asc' ? 1 : -1;
    const key = (review: ReviewRecord): number | string => (sort === 'notes' ? review.overall : sort === 'formation' ? review.title : review.date);
    const sorted = [...matches].sort((a, b) => {
      const left = key(a);
      const right = key(b);
      return (left < right ? -1 : left > right ? 1 : 0) * direction;
    });
    const decimals = decimalsText === 'true';
    return reply.send({
      avis: sorted.slice(page * perPage, (page + 1) * perPage).map((review) => ({ ...review.json, notes: roundNotes(review.json.notes, decimals) })),
      meta: { pagination: { page, items_par_page: perPage, total_items: matches.length, total_pages: Math.ceil(matches.length / perPage) } },
    });
  });
};
