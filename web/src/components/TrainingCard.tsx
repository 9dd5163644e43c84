/** One training: where and how, the price, how my rights would pay for it, outcomes and reviews. */
import { formatDate, formatMoney, MODALITY } from '../format';
import { graphql } from '../gql';
import type { TrainingCardFragment } from '../gql/graphql';
import { FundingFacts } from './FundingFacts';

export const TrainingCardFragmentDoc = graphql(`
  fragment TrainingCard on Training {
    id
    title
    modality
    cpfEligible
    durationHours
    price { cents }
    provider { siret name }
    location { label postalCode }
    sessions { id start }
    funding { ...FundingFacts }
    outcomes { returnToWorkRate territory period trainees }
    reviews { count averages { overall } }
  }
`);

export function TrainingCard({ training }: { training: TrainingCardFragment }) {
  const next = training.sessions.map((session) => session.start).filter((start): start is string => Boolean(start)).sort()[0];
  const { funding, outcomes, reviews } = training;
  return (
    <article className="fr-card fr-card--no-arrow fr-mb-2w" aria-labelledby={`training-${training.id}`}>
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title" id={`training-${training.id}`}>
            {training.title}
          </h3>
          <p className="fr-card__desc">
            {training.provider.name} — {training.location?.label ?? 'lieu non précisé'} · {MODALITY[training.modality] ?? training.modality}
            {training.durationHours ? ` · ${training.durationHours} h` : ''} · {next ? `prochaine session le ${formatDate(next)}` : 'pas de session datée'}
          </p>
          <div className="fr-card__start">
          <ul className="fr-badges-group">
            {training.cpfEligible && (
              <li>
                <p className="fr-badge fr-badge--success fr-badge--sm">Éligible CPF</p>
              </li>
            )}
            <li>
              <p className="fr-badge fr-badge--sm">Prix {formatMoney(training.price)}</p>
            </li>
          </ul>
          </div>
          <div className="fr-card__end">
          <dl className="mon-cpa-facts">
            <dt>Financement pour moi</dt>
            <dd>
              {funding ? <FundingFacts funding={funding} of={training.title} /> : 'Non calculable (prix inconnu).'}
            </dd>
            <dt>Retour à l'emploi</dt>
            <dd>
              {outcomes?.returnToWorkRate != null
                ? `${outcomes.returnToWorkRate.toLocaleString('fr-FR')} % en emploi 6 mois après (${outcomes.territory ?? 'territoire inconnu'}, ${outcomes.period ?? ''})`
                : 'Pas de chiffres France Travail.'}
            </dd>
            <dt>Avis des stagiaires</dt>
            <dd>
              {reviews && reviews.count > 0
                ? `${reviews.averages?.overall?.toLocaleString('fr-FR', { maximumFractionDigits: 1 }) ?? '—'} / 5 sur ${reviews.count} avis (Anotéa)`
                : 'Aucun avis.'}
            </dd>
          </dl>
          </div>
        </div>
      </div>
    </article>
  );
}
