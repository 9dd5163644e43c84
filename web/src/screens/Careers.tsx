/**
 * "Changer de métier": from the occupation I seek (France Travail registration) or one I search
 * for, the close occupations, the certifications leading to it, trainings, offers and companies
 * likely to hire. For an occupation other than the one I seek, the transition plan from mine to it
 * (skills to acquire, trainings ranked and funded, offers, companies) takes the place of those parts.
 * Each part is its own request, so an operator down only blanks its part.
 */
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { QueryStatus } from '../components/QueryStatus';
import { graphql } from '../gql';
import { Certifications, HiringCompanies, OccupationOffers, OccupationTrainings } from './careers/sections';
import { TransitionPlan } from './careers/TransitionPlan';

const StartQuery = graphql(`
  query CareerStart {
    me { id jobSeeker { soughtOccupation { romeCode title } } }
  }
`);

const SearchQuery = graphql(`
  query OccupationSearch($search: String!) {
    occupations(search: $search, first: 8) { totalCount edges { node { romeCode title } } }
  }
`);

const OccupationQuery = graphql(`
  query Occupation($romeCode: ID!) {
    occupation(romeCode: $romeCode) {
      romeCode
      title
      definition
      jobTitles
      relatedOccupations { romeCode title }
    }
  }
`);

export function Careers() {
  const start = useQuery(StartQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const sought = start.data?.me?.jobSeeker?.soughtOccupation?.romeCode ?? null;
  const romeCode = chosen ?? sought;
  // Another occupation than the one I seek: the transition plan answers for it in one question.
  const planned = romeCode !== null && romeCode !== sought && !start.loading;
  const found = useQuery(SearchQuery, search ? { variables: { search } } : { skip: true, variables: { search: '' } });
  const occupation = useQuery(OccupationQuery, romeCode ? { variables: { romeCode } } : { skip: true, variables: { romeCode: '' } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim().length >= 2) setSearch(text.trim());
  };
  return (
    <>
      <h1 tabIndex={-1}>Changer de métier</h1>
      <form onSubmit={submit} className="fr-mb-3w" role="search" aria-label="Recherche de métier">
        <div className="fr-search-bar fr-search-bar--lg mon-cpa-search">
          <label className="fr-label" htmlFor="occupation-search">
            Chercher un métier
          </label>
          <input className="fr-input" id="occupation-search" type="search" placeholder="Par exemple : développeur, aide-soignant" value={text} onChange={(event) => setText(event.target.value)} />
          <button className="fr-btn" type="submit">
            Chercher
          </button>
        </div>
      </form>
      {search && (
        <QueryStatus part="la recherche de métiers (France Travail)" loading={found.loading} error={found.error} data={found.data?.occupations}>
          {(list) => (
            <div className="fr-mb-3w">
              <p role="status">{list.totalCount === 0 ? 'Aucun métier trouvé.' : `${list.totalCount} métier(s) :`}</p>
              <ul className="fr-tags-group">
                {list.edges.map(({ node }) => (
                  <li key={node.romeCode}>
                    <button type="button" className="fr-tag" aria-pressed={node.romeCode === romeCode} onClick={() => setChosen(node.romeCode)}>
                      {node.title} ({node.romeCode})
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </QueryStatus>
      )}
      {!romeCode && !start.loading && <p>Cherchez un métier pour voir comment y aller.</p>}
      {romeCode && (
        <>
          <QueryStatus part="la fiche métier (France Travail)" loading={occupation.loading} error={occupation.error} data={occupation.data?.occupation} retry={() => void occupation.refetch()}>
            {(item) => (
              <section aria-labelledby="occupation-title" className="fr-mb-4w">
                <h2 id="occupation-title" className="fr-h3">
                  {item.title} <span className="fr-text--md">({item.romeCode})</span>
                </h2>
                {item.definition && <p>{item.definition}</p>}
                {item.jobTitles.length > 0 && <p className="fr-text--sm">Appellations : {item.jobTitles.slice(0, 6).join(', ')}.</p>}
                <h3 className="fr-h5">Métiers proches</h3>
                <ul className="fr-tags-group">
                  {(item.relatedOccupations ?? []).map((related) => (
                    <li key={related.romeCode}>
                      <button type="button" className="fr-tag" onClick={() => setChosen(related.romeCode)}>
                        {related.title}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </QueryStatus>
          {planned ? (
            <TransitionPlan key={romeCode} to={romeCode} />
          ) : (
            <>
              <Certifications romeCode={romeCode} />
              <OccupationTrainings romeCode={romeCode} />
              <OccupationOffers romeCode={romeCode} />
              <HiringCompanies romeCode={romeCode} />
            </>
          )}
        </>
      )}
    </>
  );
}
