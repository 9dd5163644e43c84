import { z } from 'zod';

const notesSchema = z.object({
  accueil: z.number(),
  contenu_formation: z.number(),
  equipe_formateurs: z.number(),
  moyen_materiel: z.number(),
  accompagnement: z.number(),
  global: z.number(),
});

/** One review of Anotéa v1 `avis[]` (upstreams.md §4.2); `commentaire`/`reponse` only once validated. */
export const reviewSchema = z.object({
  id: z.string(),
  date: z.string(),
  notes: notesSchema,
  commentaire: z.object({ titre: z.string().nullable().optional(), texte: z.string() }).nullable().optional(),
  reponse: z.object({ texte: z.string() }).nullable().optional(),
  formation: z
    .object({
      intitule: z.string().optional(),
      domaine_formation: z.object({ formacodes: z.array(z.string()) }).optional(),
      certifications: z.array(z.object({ certif_info: z.string() })).optional(),
      action: z
        .object({
          lieu_de_formation: z.object({ code_postal: z.string(), ville: z.string() }).optional(),
          organisme_formateur: z.object({ raison_sociale: z.string().optional(), siret: z.string(), numero: z.string().optional() }).optional(),
        })
        .passthrough()
        .optional(),
    })
    .optional(),
});
export type ReviewPayload = z.infer<typeof reviewSchema>;

/** `GET /api/v1/avis` body. */
export const reviewsResponseSchema = z.object({
  avis: z.array(reviewSchema),
  meta: z.object({ pagination: z.object({ page: z.number().int(), items_par_page: z.number().int(), total_items: z.number().int(), total_pages: z.number().int() }) }),
});
export type ReviewsResponsePayload = z.infer<typeof reviewsResponseSchema>;

/** Boom error body. */
export const boomErrorSchema = z.object({ statusCode: z.number().int(), error: z.string(), message: z.string() });
