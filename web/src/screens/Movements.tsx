/** The CPF movements, newest first, a page at a time (cursor paging, as the graph offers it). */
import { useQuery } from '@apollo/client/react';
import { Pager, useCursorPages } from '../components/Pager';
import { QueryStatus } from '../components/QueryStatus';
import { formatDate, formatMoney, MOVEMENT_KIND } from '../format';
import { graphql } from '../gql';

const MovementsQuery = graphql(`
  query Movements($after: String) {
    me {
      id
      activityAccount {
        cpf {
          movements(first: 5, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id date label kind amount { cents } } }
          }
        }
      }
    }
  }
`);

export function Movements() {
  const pages = useCursorPages();
  const { data, loading, error, refetch } = useQuery(MovementsQuery, { variables: { after: pages.after } });
  const movements = data?.me?.activityAccount?.cpf.movements;
  return (
    <section aria-labelledby="movements-title" className="fr-mb-4w">
      <h2 id="movements-title" className="fr-h3">
        Mouvements de mon CPF
      </h2>
      <QueryStatus part="les mouvements du CPF (Caisse des dépôts)" loading={loading} error={error} data={movements} retry={() => void refetch()}>
        {(page) => (
          <>
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>Mouvements du CPF, du plus récent au plus ancien ({page.totalCount} au total)</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Libellé</th>
                    <th scope="col">Nature</th>
                    <th scope="col" className="mon-cpa-number">
                      Montant
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{formatDate(node.date)}</td>
                      <td>{node.label}</td>
                      <td>{MOVEMENT_KIND[node.kind] ?? node.kind}</td>
                      <td className="mon-cpa-number">{formatMoney(node.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Pages des mouvements" pages={pages} pageInfo={page.pageInfo} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}
