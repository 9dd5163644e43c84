import { z } from 'zod';
import { lenientList, lenientNumber, lenientObject, lenientText, requiredText, tolerantList } from '../../../../lib/http/index.js';

/**
 * One review of Anotéa v1 `avis[]` (upstreams.md §4.2). Essential: `id` and the global note (a
 * review without it says nothing); the other notes may be missing or decimal strings. The real
 * server omits `texte` when a comment is empty (`commentaire: {titre}` or `{}`): such a comment
 * counts in the averages and is not listed.
 */
const notesSchema = z.object({
  accueil: lenientNumber,
  contenu_formation: lenientNumber,
  equipe_formateurs: lenientNumber,
  moyen_materiel: lenientNumber,
  accompagnement: lenientNumber,
  global: z.union([z.number(), z.string().regex(/^\d+(?:[.,]\d+)?$/)]).transform((value) => (typeof value === 'number' ? value : Number(value.replace(',', '.')))),
});

export const reviewSchema = z.object({
  id: requiredText,
  date: lenientText,
  notes: notesSchema,
  commentaire: lenientObject(z.object({ titre: lenientText, texte: lenientText })),
  reponse: lenientObject(z.object({ texte: lenientText })),
  formation: lenientObject(
    z.object({
      intitule: lenientText,
      domaine_formation: lenientObject(z.object({ formacodes: lenientList(z.string()) })),
      certifications: lenientList(z.object({ certif_info: z.string() })),
      action: lenientObject(
        z.object({
          lieu_de_formation: lenientObject(z.object({ code_postal: lenientText, ville: lenientText })),
          organisme_formateur: lenientObject(z.object({ raison_sociale: lenientText, siret: lenientText, numero: lenientText })),
        }),
      ),
    }),
  ),
});
export type ReviewPayload = z.infer<typeof reviewSchema>;

/** `GET /api/v1/avis` body. A review without id or global note is dropped and counted, not the summary. */
export const reviewsResponseSchema = z.object({
  avis: tolerantList(reviewSchema),
  meta: lenientObject(z.object({ pagination: lenientObject(z.object({ page: lenientNumber, items_par_page: lenientNumber, total_items: lenientNumber, total_pages: lenientNumber })) })),
});
export type ReviewsResponsePayload = z.infer<typeof reviewsResponseSchema>;

/** Boom error body (`details` on a 400 validation error). */
export const boomErrorSchema = z.object({ statusCode: z.number().int(), error: z.string(), message: z.string() });
