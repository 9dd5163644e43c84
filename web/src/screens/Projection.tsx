/**
 * The projection: an editor of planned activity periods (part-time, short contracts, independent
 * work, unemployment…) and what the CPF would hold at the end of each year, as a chart and as a
 * table (the table is the accessible alternative to the chart). Computed by the graph.
 */
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ActivityEditor, type PeriodDraft } from '../components/ActivityEditor';
import { ExplanationBody } from '../components/Explanation';
import { ProjectionChart } from '../components/ProjectionChart';
import { QueryStatus } from '../components/QueryStatus';
import { formatMoney } from '../format';
import { graphql } from '../gql';
import type { ActivityPeriodInput } from '../gql/graphql';

const ProjectionQuery = graphql(`
  query Projection($activity: [ActivityPeriodInput!]!) {
    me {
      id
      activityAccount {
        cpf {
          ceiling { cents }
          projection(activity: $activity) {
            year
            credit { cents explanation { ...AmountExplanation } }
            credited { cents explanation { ...AmountExplanation } }
            balance { cents explanation { ...AmountExplanation } }
            ceilingReached
          }
        }
      }
    }
  }
`);

function defaults(year: number): PeriodDraft[] {
  return [
    { key: 1, kind: 'FULL_TIME', start: `${year}-01-01`, end: `${year + 1}-12-31`, ratio: '' },
    { key: 2, kind: 'PART_TIME', start: `${year + 2}-01-01`, end: `${year + 3}-12-31`, ratio: '0.4' },
    { key: 3, kind: 'UNEMPLOYED', start: `${year + 4}-01-01`, end: `${year + 4}-12-31`, ratio: '' },
    { key: 4, kind: 'INDEPENDENT', start: `${year + 5}-01-01`, end: `${year + 7}-12-31`, ratio: '' },
  ];
}

function toInput(periods: PeriodDraft[]): ActivityPeriodInput[] {
  return periods.map(({ kind, start, end, ratio }) => ({
    kind,
    start,
    end,
    ...((kind === 'PART_TIME' || kind === 'FIXED_TERM') && ratio !== '' ? { workingTimeRatio: Number(ratio) } : {}),
  }));
}

export function Projection() {
  const [periods, setPeriods] = useState<PeriodDraft[]>(() => defaults(new Date().getFullYear()));
  const [submitted, setSubmitted] = useState<ActivityPeriodInput[]>(() => toInput(periods));
  const { data, loading, error, refetch } = useQuery(ProjectionQuery, { variables: { activity: submitted } });
  const cpf = data?.me?.activityAccount?.cpf;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(toInput(periods));
  };
  return (
    <section aria-labelledby="projection-title">
      <h2 id="projection-title" className="fr-h3">
        Projection de mon CPF
      </h2>
      <p>Décrivez vos périodes d'activité à venir : la projection applique les règles d'alimentation et le plafond de votre régime.</p>
      <form onSubmit={submit} className="fr-mb-3w">
        <ActivityEditor periods={periods} onChange={setPeriods} />
        <button type="submit" className="fr-btn">
          Calculer la projection
        </button>
      </form>
      <QueryStatus part="la projection du CPF" loading={loading} error={error} data={cpf?.projection.length ? cpf : undefined} retry={() => void refetch()}>
        {(account) => (
          <>
            <ProjectionChart years={account.projection} ceilingCents={account.ceiling.cents} />
            <div className="fr-table">
              <table>
                <caption>Solde projeté en fin d'année</caption>
                <thead>
                  <tr>
                    <th scope="col">Année</th>
                    <th scope="col" className="mon-cpa-number">Droits acquis</th>
                    <th scope="col" className="mon-cpa-number">Crédités</th>
                    <th scope="col" className="mon-cpa-number">Solde</th>
                    <th scope="col">Plafond atteint</th>
                    <th scope="col">Calcul</th>
                  </tr>
                </thead>
                <tbody>
                  {account.projection.map((year) => (
                    <tr key={year.year}>
                      <td>{year.year}</td>
                      <td className="mon-cpa-number">{formatMoney(year.credit)}</td>
                      <td className="mon-cpa-number">{formatMoney(year.credited)}</td>
                      <td className="mon-cpa-number">{formatMoney(year.balance)}</td>
                      <td>{year.ceilingReached ? 'Oui' : 'Non'}</td>
                      <td>
                        <details className="mon-cpa-explanation">
                          <summary>
                            Comment sont calculés ces montants<span className="fr-sr-only"> : année {year.year}</span> ?
                          </summary>
                          <div className="mon-cpa-explanation__body">
                            <p className="fr-text--bold fr-mb-0">Droits acquis : {formatMoney(year.credit)}</p>
                            <ExplanationBody explanation={year.credit.explanation} />
                            <p className="fr-text--bold fr-mb-0">Crédités : {formatMoney(year.credited)}</p>
                            <ExplanationBody explanation={year.credited.explanation} />
                            <p className="fr-text--bold fr-mb-0">Solde : {formatMoney(year.balance)}</p>
                            <ExplanationBody explanation={year.balance.explanation} />
                          </div>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryStatus>
    </section>
  );
}
