/**
 * The ranked paths of a transition plan: each training at its next session, my CPF as projected
 * to that date, how my rights would pay and what is left to pay (Caisse des dépôts, catalogues),
 * each amount with its whole explanation: rule, texts, date in force, inputs.
 *
 * `paths(first:)` asks for just the paths the screen shows: a list without `first` is priced at
 * the default list size of 20. The explanations' `legalBasis` and `inputs` lists are priced at the
 * `@listSize` hint of the SDL (8), not 20, so the texts fit in this request.
 */
import { useQuery } from '@apollo/client/react';
import { Explanation } from '../../components/Explanation';
import { FundingFacts } from '../../components/FundingFacts';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDate, formatMoney, MODALITY, TRANSITION_ORDER } from '../../format';
import { graphql } from '../../gql';
import type { PlanVariables } from './plan-question';

const PathsQuery = graphql(`
  query TransitionPaths($to: ID!, $near: PlaceInput, $orderBy: TransitionOrder, $first: Int) {
    me {
      id
      transitions(to: $to, near: $near, orderBy: $orderBy, first: $first) {
        id
        orderBy
        paths(first: $first) {
          rank
          remainingCost { cents }
          projectedCpfBalance { cents explanation { ...AmountExplanation } }
          funding { ...FundingFacts }
          candidate {
            id
            start
            distanceKm
            returnToWorkRate
            session { id start end place { label } }
            training { id title modality durationHours price { cents } provider { siret name } }
          }
        }
      }
    }
  }
`);

export function TransitionPaths({ variables }: { variables: PlanVariables }) {
  const { data, loading, error, refetch } = useQuery(PathsQuery, { variables });
  const plan = data?.me?.transitions;
  return (
    <section aria-labelledby="plan-paths-title" className="fr-mb-3w">
      <h3 id="plan-paths-title" className="fr-h5">
        Formations classées pour moi
      </h3>
      <QueryStatus part="les parcours de formation (Caisse des dépôts, catalogues)" loading={loading} error={error} data={plan?.paths} retry={() => void refetch()}>
        {(paths) =>
          paths.length === 0 ? (
            <p role="status">Aucune formation avec une session à venir près de ce lieu.</p>
          ) : (
            <>
              <p role="status">
                {paths.length} parcours, classés par {(TRANSITION_ORDER[plan?.orderBy ?? 'REMAINING_COST'] ?? '').toLowerCase()} :
              </p>
              <ol className="mon-cpa-list">
                {paths.map(({ rank, candidate, funding, remainingCost, projectedCpfBalance }) => {
                  const title = `${rank}. ${candidate.training.title}`;
                  return (
                    <li key={candidate.id}>
                      <article className="fr-card fr-card--no-arrow fr-card--sm fr-mb-2w" aria-labelledby={`path-${rank}`}>
                        <div className="fr-card__body">
                          <div className="fr-card__content">
                            <h4 className="fr-card__title" id={`path-${rank}`}>
                              {title}
                            </h4>
                            <p className="fr-card__desc">
                              {candidate.training.provider.name} — session du {formatDate(candidate.session.start ?? candidate.start)}
                              {candidate.session.place ? ` à ${candidate.session.place.label}` : ''}
                              {candidate.distanceKm != null ? ` (${candidate.distanceKm.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} km)` : ''} ·{' '}
                              {MODALITY[candidate.training.modality] ?? candidate.training.modality}
                              {candidate.training.durationHours ? ` · ${candidate.training.durationHours} h` : ''}
                            </p>
                            <dl className="mon-cpa-facts fr-card__end">
                              <dt>Reste à payer</dt>
                              <dd>{remainingCost ? formatMoney(remainingCost) : 'Prix inconnu'}</dd>
                              <dt>Mon CPF à cette date</dt>
                              <dd>
                                {projectedCpfBalance ? (
                                  <>
                                    {formatMoney(projectedCpfBalance)} (projeté)
                                    <Explanation of={`mon CPF projeté, ${title}`} explanation={projectedCpfBalance.explanation} />
                                  </>
                                ) : (
                                  '—'
                                )}
                              </dd>
                              <dt>Financement</dt>
                              <dd>
                                {funding ? (
                                  <FundingFacts funding={funding} of={title} />
                                ) : (
                                  `Non calculable (prix ${formatMoney(candidate.training.price)}).`
                                )}
                              </dd>
                              <dt>Retour à l'emploi</dt>
                              <dd>
                                {candidate.returnToWorkRate != null
                                  ? `${candidate.returnToWorkRate.toLocaleString('fr-FR')} % en emploi 6 mois après`
                                  : 'Pas de chiffres France Travail.'}
                              </dd>
                            </dl>
                          </div>
                        </div>
                      </article>
                    </li>
                  );
                })}
              </ol>
            </>
          )
        }
      </QueryStatus>
    </section>
  );
}
