/** The parts of the career screen that each come from one operator, one request each. */
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { JobOfferList } from '../../components/JobOfferList';
import { QueryStatus } from '../../components/QueryStatus';
import { TrainingCard } from '../../components/TrainingCard';
import { graphql } from '../../gql';

const CertificationsQuery = graphql(`
  query OccupationCertifications($romeCode: ID!) {
    occupation(romeCode: $romeCode) { romeCode certifications { code title kind level active } }
  }
`);

const TrainingsQuery = graphql(`
  query OccupationTrainings($romeCode: ID!) {
    occupation(romeCode: $romeCode) { romeCode trainings(first: 3) { totalCount edges { node { ...TrainingCard } } } }
  }
`);

const OffersQuery = graphql(`
  query OccupationOffers($romeCode: ID!) {
    occupation(romeCode: $romeCode) { romeCode jobOffers(first: 5) { totalCount edges { node { ...JobOfferItem } } } }
  }
`);

const CompaniesQuery = graphql(`
  query HiringCompanies($romeCode: ID!, $near: PlaceInput!) {
    companies(romeCode: $romeCode, near: $near, first: 5) {
      totalCount
      edges { node { siret name headcount hiringPotential nafLabel location { label } } }
    }
  }
`);

export function Certifications({ romeCode }: { romeCode: string }) {
  const { data, loading, error, refetch } = useQuery(CertificationsQuery, { variables: { romeCode } });
  return (
    <section aria-labelledby="certifications-title" className="fr-mb-4w">
      <h2 id="certifications-title" className="fr-h4">Certifications qui y mènent</h2>
      <QueryStatus part="les certifications (France compétences)" loading={loading} error={error} data={data?.occupation?.certifications} retry={() => void refetch()}>
        {(list) =>
          list.length === 0 ? (
            <p>Aucune certification liée.</p>
          ) : (
            <ul>
              {list.map((item) => (
                <li key={item.code}>
                  {item.title} — {item.code}
                  {item.level ? `, niveau ${item.level}` : ''}
                  {item.active ? '' : ' (plus enregistrée)'}
                </li>
              ))}
            </ul>
          )
        }
      </QueryStatus>
    </section>
  );
}

export function OccupationTrainings({ romeCode }: { romeCode: string }) {
  const { data, loading, error, refetch } = useQuery(TrainingsQuery, { variables: { romeCode } });
  return (
    <section aria-labelledby="occupation-trainings-title" className="fr-mb-4w">
      <h2 id="occupation-trainings-title" className="fr-h4">Formations vers ce métier</h2>
      <QueryStatus part="les formations (Carif-Oref)" loading={loading} error={error} data={data?.occupation?.trainings} retry={() => void refetch()}>
        {(page) => (
          <>
            <p>{page.totalCount} formation(s) ; les premières :</p>
            <ul className="mon-cpa-list">
              {page.edges.map(({ node }) => (
                <li key={node.id}>
                  <TrainingCard training={node} />
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryStatus>
    </section>
  );
}

export function OccupationOffers({ romeCode }: { romeCode: string }) {
  const { data, loading, error, refetch } = useQuery(OffersQuery, { variables: { romeCode } });
  return (
    <section aria-labelledby="occupation-offers-title" className="fr-mb-4w">
      <h2 id="occupation-offers-title" className="fr-h4">Offres d'emploi de ce métier</h2>
      <QueryStatus part="les offres d'emploi (France Travail)" loading={loading} error={error} data={data?.occupation?.jobOffers} retry={() => void refetch()}>
        {(page) => <JobOfferList offers={page.edges.map((edge) => edge.node)} totalCount={page.totalCount} />}
      </QueryStatus>
    </section>
  );
}

export function HiringCompanies({ romeCode }: { romeCode: string }) {
  const [department, setDepartment] = useState('');
  const [near, setNear] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(CompaniesQuery, near ? { variables: { romeCode, near: { departmentCode: near } } } : { skip: true, variables: { romeCode, near: {} } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (department.trim()) setNear(department.trim().toUpperCase());
  };
  return (
    <section aria-labelledby="companies-title" className="fr-mb-4w">
      <h2 id="companies-title" className="fr-h4">Entreprises qui recrutent</h2>
      <form onSubmit={submit} className="fr-mb-2w mon-cpa-inline-form">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="companies-department">
            Département
            <span className="fr-hint-text">Par exemple 13 ou 2A</span>
          </label>
          <input className="fr-input" id="companies-department" value={department} onChange={(event) => setDepartment(event.target.value)} />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary">Voir les entreprises</button>
      </form>
      {near && (
        <QueryStatus part="les entreprises (La Bonne Boîte)" loading={loading} error={error} data={data?.companies} retry={() => void refetch()}>
          {(page) =>
            page.totalCount === 0 ? (
              <p role="status">Aucune entreprise repérée dans ce département.</p>
            ) : (
              <ul>
                {page.edges.map(({ node }) => (
                  <li key={node.siret}>
                    {node.name} — {node.location?.label ?? 'lieu inconnu'}
                    {node.nafLabel ? `, ${node.nafLabel}` : ''}
                    {node.headcount ? `, ${node.headcount} salariés` : ''}
                    {node.hiringPotential != null ? ` (potentiel d'embauche ${Math.round(node.hiringPotential)} / 100)` : ''}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryStatus>
      )}
    </section>
  );
}
