/**
 * "Offres d'emploi près de chez moi": the offers France Travail recommends for the occupation I
 * seek within 30 km of my commune, and a search by keywords around a commune — by default the one
 * I live in, as the Caisse des dépôts records it (`me.home`), until I type another.
 */
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { JobOfferList } from '../components/JobOfferList';
import { QueryStatus } from '../components/QueryStatus';
import { graphql } from '../gql';

const RecommendedQuery = graphql(`
  query RecommendedOffers {
    me {
      id
      home { communeCode label }
      jobSeeker { registered category soughtOccupation { romeCode title } }
      recommendedJobOffers(first: 10) { totalCount edges { node { ...JobOfferItem } } }
    }
  }
`);

const SearchQuery = graphql(`
  query SearchOffers($filter: JobOfferFilter!) {
    jobOffers(filter: $filter, first: 10) { totalCount edges { node { ...JobOfferItem } } }
  }
`);

export function JobOffers() {
  const recommended = useQuery(RecommendedQuery);
  // `communeCode: null` until the worker types one: the field shows (and searches) the home commune.
  const [form, setForm] = useState<{ keywords: string; communeCode: string | null; radiusKm: string }>({ keywords: '', communeCode: null, radiusKm: '30' });
  const home = recommended.data?.me?.home ?? null;
  const commune = form.communeCode ?? home?.communeCode ?? '';
  const [filter, setFilter] = useState<{ keywords: string; near?: { communeCode: string; radiusKm: number } } | null>(null);
  const search = useQuery(SearchQuery, filter ? { variables: { filter } } : { skip: true, variables: { filter: {} } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const communeCode = commune.trim();
    setFilter({ keywords: form.keywords.trim(), ...(communeCode ? { near: { communeCode, radiusKm: Number(form.radiusKm) } } : {}) });
  };
  const me = recommended.data?.me;
  return (
    <>
      <h1 tabIndex={-1}>Offres d'emploi près de chez moi</h1>
      <section aria-labelledby="recommended-title" className="fr-mb-4w">
        <h2 id="recommended-title" className="fr-h3">
          Pour le métier que je recherche
        </h2>
        <QueryStatus part="les offres recommandées (France Travail)" loading={recommended.loading} error={recommended.error} data={me} retry={() => void recommended.refetch()}>
          {(worker) => (
            <>
              <p>
                {worker.jobSeeker?.soughtOccupation
                  ? `Métier recherché : ${worker.jobSeeker.soughtOccupation.title}, à moins de 30 km de ma commune.`
                  : "Vous n'êtes pas inscrit comme demandeur d'emploi : pas de recommandation. Utilisez la recherche ci-dessous."}
              </p>
              {worker.recommendedJobOffers ? (
                <JobOfferList offers={worker.recommendedJobOffers.edges.map((edge) => edge.node)} totalCount={worker.recommendedJobOffers.totalCount} />
              ) : (
                <p>Les offres recommandées sont indisponibles (France Travail).</p>
              )}
            </>
          )}
        </QueryStatus>
      </section>
      <section aria-labelledby="offer-search-title">
        <h2 id="offer-search-title" className="fr-h3">
          Chercher des offres
        </h2>
        <form onSubmit={submit} className="fr-grid-row fr-grid-row--gutters fr-mb-2w" aria-label="Recherche d'offres">
          <div className="fr-col-12 fr-col-md-4 fr-input-group">
            <label className="fr-label" htmlFor="offer-keywords">
              Mots-clés
            </label>
            <input className="fr-input" id="offer-keywords" required minLength={2} value={form.keywords} onChange={(event) => setForm({ ...form, keywords: event.target.value })} />
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-input-group">
            <label className="fr-label" htmlFor="offer-commune">
              Commune
              <span className="fr-hint-text">{home?.communeCode ? `Code INSEE ; par défaut ma commune : ${home.label} (${home.communeCode})` : 'Code INSEE, par exemple 33063'}</span>
            </label>
            <input className="fr-input" id="offer-commune" value={commune} onChange={(event) => setForm({ ...form, communeCode: event.target.value })} />
          </div>
          <div className="fr-col-12 fr-col-md-2 fr-select-group">
            <label className="fr-label" htmlFor="offer-radius">
              Rayon
            </label>
            <select className="fr-select" id="offer-radius" value={form.radiusKm} onChange={(event) => setForm({ ...form, radiusKm: event.target.value })}>
              {['10', '30', '50', '100'].map((km) => (
                <option key={km} value={km}>
                  {km} km
                </option>
              ))}
            </select>
          </div>
          <div className="fr-col-12 fr-col-md-2 mon-cpa-align-end">
            <button type="submit" className="fr-btn">
              Rechercher
            </button>
          </div>
        </form>
        {filter && (
          <QueryStatus part="la recherche d'offres (France Travail)" loading={search.loading} error={search.error} data={search.data?.jobOffers} retry={() => void search.refetch()}>
            {(page) => <JobOfferList offers={page.edges.map((edge) => edge.node)} totalCount={page.totalCount} />}
          </QueryStatus>
        )}
      </section>
    </>
  );
}
