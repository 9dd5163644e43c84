import type { ReviewComment, ReviewKey, ReviewNotes, ReviewSummary } from '../domain/training.js';
import type { ReviewsResponsePayload } from './anotea.response.js';

/** Reviews read per key; averages are computed over them (see README: a provider rarely has more). */
export const REVIEWS_PER_KEY = 200;

export function toAnoteaQuery(key: ReviewKey): Record<string, string> {
  return {
    organisme_formateur: key.siret,
    ...('certifInfo' in key ? { certif_info: key.certifInfo } : { formacode: key.formacode }),
    tri: 'date',
    ordre: 'desc',
    page: '0',
    items_par_page: String(REVIEWS_PER_KEY),
    notes_decimales: 'true',
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

export function toReviewSummary(payload: ReviewsResponsePayload): ReviewSummary {
  const notes = payload.avis.map((review) => review.notes);
  const mean = (pick: (value: (typeof notes)[number]) => number) => round(notes.reduce((sum, value) => sum + pick(value), 0) / notes.length);
  const averages: ReviewNotes | null =
    notes.length === 0
      ? null
      : {
          welcome: mean((value) => value.accueil),
          content: mean((value) => value.contenu_formation),
          trainers: mean((value) => value.equipe_formateurs),
          equipment: mean((value) => value.moyen_materiel),
          support: mean((value) => value.accompagnement),
          overall: mean((value) => value.global),
        };
  const comments: ReviewComment[] = payload.avis
    .filter((review) => review.commentaire?.texte)
    .map((review) => ({ date: review.date, title: review.commentaire?.titre ?? null, text: review.commentaire?.texte ?? '', answer: review.reponse?.texte ?? null }));
  return { count: payload.meta.pagination.total_items, averages, comments };
}
