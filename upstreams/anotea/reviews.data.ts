import { Rng } from '../data/prng.js';
import { buildTrainings, type TrainingOffer } from '../data/trainings.js';
import type { World } from '../data/world.js';

export interface ReviewRecord {
  json: Record<string, unknown> & { notes: Record<string, number> };
  siret: string;
  formacodes: string[];
  certifInfo: string | null;
  postalCode: string;
  date: number;
  overall: number;
  title: string;
}

export interface ReviewIndex {
  reviews: ReviewRecord[];
  bySiret: Map<string, ReviewRecord[]>;
  /** Keyed by every prefix of every formacode (1–5 characters): Anotéa prefix-matches codes under 5 characters. */
  byFormacodePrefix: Map<string, ReviewRecord[]>;
  byCertifInfo: Map<string, ReviewRecord[]>;
  byPostalCode: Map<string, ReviewRecord[]>;
}

const TITLES = ['Très bonne formation', 'Formation utile', 'Bon accueil', 'Un peu court', 'Formateurs à l\'écoute', 'Contenu dense', 'Je recommande'];
const TEXTS = [
  'Les formateurs sont disponibles et le contenu correspond au métier visé.',
  'Bonne organisation, mais le matériel mériterait d\'être renouvelé.',
  'Formation intense qui m\'a permis de retrouver un emploi rapidement.',
  'Accompagnement de qualité pour la recherche de stage.',
  'Le rythme est soutenu ; prévoir du travail personnel le soir.',
];
const ANSWERS = ['Merci pour votre retour, nous en tenons compte pour les prochaines sessions.', 'Merci ! Au plaisir de vous revoir en formation continue.'];

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Reviews of the simulated catalogue: ~85% of trainings (`buildTrainings`) get 1–12 reviews,
 * each naming the training's provider SIRET, formacodes, certif_info and place, so a review
 * lookup by (provider, formacode) or (provider, certif_info) finds those of the training.
 */
export function buildReviews(world: World, today: Date): ReviewIndex {
  const rng = new Rng(`${world.seed}:anotea`);
  const reviews: ReviewRecord[] = [];
  let serial = 0;
  for (const training of buildTrainings(world)) {
    if (!rng.bool(0.85)) continue;
    const count = rng.int(1, 12);
    for (let index = 0; index < count; index += 1) reviews.push(makeReview(rng, training, today, (serial += 1)));
  }
  const index: ReviewIndex = { reviews, bySiret: new Map(), byFormacodePrefix: new Map(), byCertifInfo: new Map(), byPostalCode: new Map() };
  for (const review of reviews) {
    push(index.bySiret, review.siret, review);
    for (const prefix of new Set(review.formacodes.flatMap((code) => [1, 2, 3, 4, 5].map((length) => code.slice(0, length))))) push(index.byFormacodePrefix, prefix, review);
    if (review.certifInfo) push(index.byCertifInfo, review.certifInfo, review);
    push(index.byPostalCode, review.postalCode, review);
  }
  return index;
}

function makeReview(rng: Rng, training: TrainingOffer, today: Date, serial: number): ReviewRecord {
  const action = training.actions[0];
  const session = action?.sessions[0];
  const date = today.getTime() - rng.int(1, 730) * 86_400_000;
  const base = rng.int(2, 5);
  const note = () => Math.max(1, Math.min(5, base + rng.int(-1, 1)));
  const notes = { accueil: note(), contenu_formation: note(), equipe_formateurs: note(), moyen_materiel: note(), accompagnement: note(), global: 0 };
  notes.global = (notes.accueil + notes.contenu_formation + notes.equipe_formateurs + notes.moyen_materiel + notes.accompagnement) / 5;
  const validated = rng.bool(0.7);
  const title = training.title;
  const json = {
    id: `5c${serial.toString(16).padStart(22, '0')}`,
    date: new Date(date).toISOString(),
    notes,
    ...(validated ? { commentaire: { titre: rng.pick(TITLES), texte: rng.pick(TEXTS) } } : {}),
    ...(validated && rng.bool(0.25) ? { reponse: { texte: rng.pick(ANSWERS) } } : {}),
    formation: {
      intitule: title,
      domaine_formation: { formacodes: training.formacodes },
      certifications: training.certification ? [{ certif_info: training.certification.certifInfo }] : [],
      action: {
        lieu_de_formation: { code_postal: action?.postalCode ?? '', ville: action?.commune.name ?? '' },
        organisme_financeurs: ['2'],
        organisme_formateur: { raison_sociale: training.provider.name, siret: training.provider.siret, numero: training.provider.activityNumber },
        session: { numero: session?.id ?? `${training.id}-S1`, periode: { debut: isoOf(session?.start), fin: isoOf(session?.end) } },
      },
    },
  };
  return {
    json,
    siret: training.provider.siret,
    formacodes: training.formacodes,
    certifInfo: training.certification?.certifInfo ?? null,
    postalCode: action?.postalCode ?? '',
    date,
    overall: notes.global,
    title,
  };
}

/** LHEO `AAAAMMJJ` (with 00 for unknown parts) to an ISO date-time; unknown → null. */
function isoOf(lheo: string | undefined): string | null {
  if (!lheo || !/^\d{8}$/.test(lheo) || lheo.startsWith('0000')) return null;
  const month = lheo.slice(4, 6) === '00' ? '01' : lheo.slice(4, 6);
  const day = lheo.slice(6, 8) === '00' ? '01' : lheo.slice(6, 8);
  return `${lheo.slice(0, 4)}-${month}-${day}T00:00:00.000Z`;
}
