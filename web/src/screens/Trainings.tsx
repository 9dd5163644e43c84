/**
 * "Trouver une formation": the catalogues' search (keywords, Formacode, place and radius, start
 * date, modality, CPF only) and, for each result, in the same query, how my rights would pay for
 * it, the return-to-work figures and the trainees' reviews — four operators, one request.
 */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Pager, useCursorPages } from '../components/Pager';
import { QueryStatus } from '../components/QueryStatus';
import { TrainingCard } from '../components/TrainingCard';
import { TrainingSearchForm, type TrainingSearch } from '../components/TrainingSearchForm';
import { graphql } from '../gql';
import type { TrainingFilter } from '../gql/graphql';

export const TrainingsQuery = graphql(`
  query Trainings($filter: TrainingFilter!, $after: String) {
    trainings(filter: $filter, first: 5, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...TrainingCard } }
    }
  }
`);

function toFilter(search: TrainingSearch): TrainingFilter {
  const filter: TrainingFilter = {};
  if (search.keywords.trim()) filter.keywords = search.keywords.trim();
  if (search.formacode.trim()) filter.formacodes = [search.formacode.trim()];
  if (search.communeCode.trim()) filter.near = { communeCode: search.communeCode.trim(), radiusKm: Number(search.radiusKm) };
  if (search.startAfter) filter.startAfter = search.startAfter;
  if (search.modality) filter.modality = search.modality;
  if (search.cpfOnly) filter.cpfEligibleOnly = true;
  return filter;
}

export function Trainings() {
  const [search, setSearch] = useState<TrainingSearch | null>(null);
  const pages = useCursorPages();
  const { data, loading, error, refetch } = useQuery(TrainingsQuery, search ? { variables: { filter: toFilter(search), after: pages.after } } : { skip: true, variables: { filter: {} } });
  return (
    <>
      <h1 tabIndex={-1}>Trouver une formation</h1>
      <TrainingSearchForm
        onSearch={(next) => {
          setSearch(next);
          pages.reset();
        }}
      />
      {search && (
        <section aria-labelledby="results-title" className="fr-mt-4w">
          <h2 id="results-title" className="fr-h3">
            Résultats
          </h2>
          <QueryStatus part="les formations (Carif-Oref, Mon Compte Formation)" loading={loading} error={error} data={data?.trainings} retry={() => void refetch()}>
            {(page) => (
              <>
                <p role="status">{page.totalCount === 0 ? 'Aucune formation ne correspond.' : `${page.totalCount} formation${page.totalCount > 1 ? 's' : ''} trouvée${page.totalCount > 1 ? 's' : ''}.`}</p>
                <ul className="mon-cpa-list">
                  {page.edges.map(({ node }) => (
                    <li key={node.id}>
                      <TrainingCard training={node} />
                    </li>
                  ))}
                </ul>
                <Pager label="Pages des formations" pages={pages} pageInfo={page.pageInfo} />
              </>
            )}
          </QueryStatus>
        </section>
      )}
    </>
  );
}
