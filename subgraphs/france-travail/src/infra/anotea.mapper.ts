import type { ReviewComment, ReviewKey, ReviewNotes, ReviewSummary } from '../domain/training.js';
import type { ReviewPayload, ReviewsResponsePayload } from './anotea.response.js';

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

/** The mean of the present values (a review may lack one note), null when none is. */
function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : round(present.reduce((sum, value) => sum + value, 0) / present.length);
}

/** `reviews` are the kept reviews (dropped ones were counted by the repository). */
export function toReviewSummary(payload: ReviewsResponsePayload, reviews: readonly ReviewPayload[] = payload.avis.items): ReviewSummary {
  const notes = reviews.map((review) => review.notes);
  const averages: ReviewNotes | null =
    notes.length === 0
      ? null
      : {
          welcome: meanOf(notes.map((value) => value.accueil)),
          content: meanOf(notes.map((value) => value.contenu_formation)),
          trainers: meanOf(notes.map((value) => value.equipe_formateurs)),
          equipment: meanOf(notes.map((value) => value.moyen_materiel)),
          support: meanOf(notes.map((value) => value.accompagnement)),
          overall: meanOf(notes.map((value) => value.global)) ?? 0,
        };
  const comments: ReviewComment[] = reviews.flatMap((review) => {
    const text = review.commentaire?.texte?.trim();
    // The real server omits `texte` for an empty comment: nothing to show.
    return text && review.date ? [{ date: review.date, title: review.commentaire?.titre ?? null, text, answer: review.reponse?.texte ?? null }] : [];
  });
  return { count: payload.meta?.pagination?.total_items ?? reviews.length + payload.avis.dropped.length, averages, comments };
}
