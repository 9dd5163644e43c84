/**
 * The rest of a transition plan, in two requests on the same plan so that each stays within the
 * subgraphs' cost limits (France Travail prices the gateway's `_entities` fetch at 20 workers ×
 * the plan's `first`): the skills to acquire and the certifications (France Travail, France
 * compétences), then the offers and companies hiring near the place (France Travail).
 */
import { useQuery } from '@apollo/client/react';
import { JobOfferList } from '../../components/JobOfferList';
import { QueryStatus } from '../../components/QueryStatus';
import { graphql } from '../../gql';
import type { PlanVariables } from './plan-question';

const SkillsQuery = graphql(`
  query TransitionSkills($to: ID!, $near: PlaceInput, $orderBy: TransitionOrder, $first: Int) {
    me {
      id
      transitions(to: $to, near: $near, orderBy: $orderBy, first: $first) {
        id
        origin { romeCode title }
        target { romeCode title }
        missingSkills { code label }
        sharedSkills { code label }
        certifications { code title level active }
      }
    }
  }
`);

const MarketQuery = graphql(`
  query TransitionMarket($to: ID!, $near: PlaceInput, $orderBy: TransitionOrder, $first: Int) {
    me {
      id
      transitions(to: $to, near: $near, orderBy: $orderBy, first: $first) {
        id
        jobOffers(first: 3) { totalCount edges { node { ...JobOfferItem } } }
        hiringCompanies(first: 3) { totalCount edges { node { siret name hiringPotential location { label } } } }
      }
    }
  }
`);

export function TransitionSkills({ variables }: { variables: PlanVariables }) {
  const { data, loading, error, refetch } = useQuery(SkillsQuery, { variables });
  return (
    <QueryStatus part="les compétences et certifications du plan (France Travail, France compétences)" loading={loading} error={error} data={data?.me?.transitions} retry={() => void refetch()}>
      {(plan) => (
        <>
          <p>
            De <strong>{plan.origin?.title ?? 'ma situation actuelle'}</strong> vers <strong>{plan.target.title}</strong>.
          </p>
          <section aria-labelledby="plan-skills-title" className="fr-mb-3w">
            <h3 id="plan-skills-title" className="fr-h5">
              Compétences à acquérir ({plan.missingSkills.length})
            </h3>
            {plan.missingSkills.length === 0 ? (
              <p>Aucune : le métier visé ne demande pas de compétence que je n'aie déjà.</p>
            ) : (
              <ul className="fr-tags-group">
                {plan.missingSkills.map((skill) => (
                  <li key={skill.code}>
                    <p className="fr-tag fr-tag--sm">{skill.label}</p>
                  </li>
                ))}
              </ul>
            )}
            {plan.sharedSkills.length > 0 && <p className="fr-text--sm">Déjà en commun : {plan.sharedSkills.map((skill) => skill.label).join(', ')}.</p>}
          </section>
          <section aria-labelledby="plan-certifications-title" className="fr-mb-3w">
            <h3 id="plan-certifications-title" className="fr-h5">
              Certifications du métier visé
            </h3>
            {plan.certifications.length === 0 ? (
              <p>Aucune certification liée.</p>
            ) : (
              <ul>
                {plan.certifications.map((item) => (
                  <li key={item.code}>
                    {item.title} — {item.code}
                    {item.level ? `, niveau ${item.level}` : ''}
                    {item.active ? '' : ' (plus enregistrée)'}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </QueryStatus>
  );
}

export function TransitionMarket({ variables }: { variables: PlanVariables }) {
  const { data, loading, error, refetch } = useQuery(MarketQuery, { variables });
  return (
    <QueryStatus part="les offres et entreprises du plan (France Travail)" loading={loading} error={error} data={data?.me?.transitions} retry={() => void refetch()}>
      {(plan) => (
        <>
          <section aria-labelledby="plan-offers-title" className="fr-mb-3w">
            <h3 id="plan-offers-title" className="fr-h5">
              Offres près de ce lieu
            </h3>
            {plan.jobOffers ? <JobOfferList offers={plan.jobOffers.edges.map((edge) => edge.node)} totalCount={plan.jobOffers.totalCount} /> : <p>Offres indisponibles (France Travail).</p>}
          </section>
          <section aria-labelledby="plan-companies-title" className="fr-mb-3w">
            <h3 id="plan-companies-title" className="fr-h5">
              Entreprises qui recrutent près de ce lieu
            </h3>
            {!plan.hiringCompanies ? (
              <p>Entreprises indisponibles (La Bonne Boîte).</p>
            ) : plan.hiringCompanies.totalCount === 0 ? (
              <p>Aucune entreprise repérée près de ce lieu.</p>
            ) : (
              <ul>
                {plan.hiringCompanies.edges.map(({ node }) => (
                  <li key={node.siret}>
                    {node.name} — {node.location?.label ?? 'lieu inconnu'}
                    {node.hiringPotential != null ? ` (potentiel d'embauche ${Math.round(node.hiringPotential)} / 100)` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </QueryStatus>
  );
}
