/**
 * "Mes droits": the CPA in one query (CPF, C2P, CEC and the total), then the movements and the
 * projection, each its own request so one failing does not hide the others.
 */
import { useQuery } from '@apollo/client/react';
import { Explanation } from '../components/Explanation';
import { QueryStatus } from '../components/QueryStatus';
import { EXPOSURE, CIVIC_KIND, formatMoney, REGIME } from '../format';
import { graphql } from '../gql';
import type { AmountExplanationFragment } from '../gql/graphql';
import { Movements } from './Movements';
import { Projection } from './Projection';

const RightsQuery = graphql(`
  query Rights {
    me {
      id
      activityAccount {
        totalTrainingRights { cents explanation { ...AmountExplanation } }
        cpf {
          balance { cents }
          ceiling { cents explanation { ...AmountExplanation } }
          yearlyCredit { cents explanation { ...AmountExplanation } }
          regime
        }
        prevention {
          pointsAvailable
          pointsReservedForTraining
          pointsUsed
          pointValue { cents explanation { ...AmountExplanation } }
          trainingValue { cents explanation { ...AmountExplanation } }
          exposures
        }
        civicEngagement {
          acquired { cents }
          ceiling { cents explanation { ...AmountExplanation } }
          nextYearCredit { cents explanation { ...AmountExplanation } }
          activities { year kind hours organisation credited { cents } }
        }
      }
    }
  }
`);

function Tile({ title, value, explanation, children }: { title: string; value: string; explanation?: AmountExplanationFragment; children?: React.ReactNode }) {
  return (
    <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
      <div className="fr-card fr-card--no-arrow mon-cpa-amount">
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h3 className="fr-card__title">{title}</h3>
            <p className="fr-h4 fr-mb-1w">{value}</p>
            <div className="fr-card__desc">
              {children}
              {explanation && <Explanation of={title} explanation={explanation} />}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

export function Rights() {
  const { data, loading, error, refetch } = useQuery(RightsQuery);
  return (
    <>
      <h1 tabIndex={-1}>Mes droits</h1>
      <section aria-labelledby="rights-summary">
        <h2 id="rights-summary" className="fr-h3">
          Mes comptes
        </h2>
        <QueryStatus part="mes comptes (Caisse des dépôts)" loading={loading} error={error} data={data?.me?.activityAccount} retry={() => void refetch()}>
          {(account) => (
            <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
              <Tile title="Total pour ma formation" value={formatMoney(account.totalTrainingRights)} explanation={account.totalTrainingRights.explanation}>
                CPF et points C2P réservés à la formation.
              </Tile>
              <Tile title="Compte personnel de formation (CPF)" value={formatMoney(account.cpf.balance)}>
                <p className="fr-mb-1w">{REGIME[account.cpf.regime]}.</p>
                <p className="fr-mb-0">Plafond {formatMoney(account.cpf.ceiling)}</p>
                <Explanation of="plafond du CPF" explanation={account.cpf.ceiling.explanation} />
                <p className="fr-mb-0">{formatMoney(account.cpf.yearlyCredit)} par année travaillée</p>
                <Explanation of="crédit annuel du CPF" explanation={account.cpf.yearlyCredit.explanation} />
              </Tile>
              <Tile
                title="Compte professionnel de prévention (C2P)"
                value={account.prevention ? `${account.prevention.pointsAvailable} points` : 'Aucun point'}
              >
                {account.prevention ? (
                  <>
                    <p className="fr-mb-0">
                      {account.prevention.pointsReservedForTraining} points réservés à la formation, soit {formatMoney(account.prevention.trainingValue)}
                    </p>
                    <Explanation of="valeur formation des points C2P" explanation={account.prevention.trainingValue.explanation} />
                    <p className="fr-mb-0">{formatMoney(account.prevention.pointValue)} le point</p>
                    <Explanation of="valeur d'un point C2P" explanation={account.prevention.pointValue.explanation} />
                    <p className="fr-mt-1w fr-mb-0">Exposition : {account.prevention.exposures.map((item) => EXPOSURE[item] ?? item).join(', ')}.</p>
                  </>
                ) : (
                  "Vous n'avez jamais été exposé à un facteur de risque professionnel."
                )}
              </Tile>
              <Tile title="Compte d'engagement citoyen (CEC)" value={account.civicEngagement ? formatMoney(account.civicEngagement.acquired) : 'Aucune activité'}>
                {account.civicEngagement ? (
                  <>
                    <p className="fr-mb-1w">
                      {account.civicEngagement.activities
                        .map((item) => `${CIVIC_KIND[item.kind] ?? item.kind} ${item.year} (${item.hours} h, ${formatMoney(item.credited)})`)
                        .join(' ; ')}
                      .
                    </p>
                    <p className="fr-mb-0">Plafond {formatMoney(account.civicEngagement.ceiling)}</p>
                    <Explanation of="plafond du CEC" explanation={account.civicEngagement.ceiling.explanation} />
                    <p className="fr-mb-0">Une année d'engagement de plus : {formatMoney(account.civicEngagement.nextYearCredit)}</p>
                    <Explanation of="crédit d'une année d'engagement de plus" explanation={account.civicEngagement.nextYearCredit.explanation} />
                  </>
                ) : (
                  'Aucune activité citoyenne déclarée.'
                )}
              </Tile>
            </div>
          )}
        </QueryStatus>
      </section>
      <Movements />
      <Projection />
    </>
  );
}
