/** A list of job offers as published on France Travail. */
import { CONTRACT, formatDate } from '../format';
import { graphql } from '../gql';
import type { JobOfferItemFragment } from '../gql/graphql';

export const JobOfferItemFragmentDoc = graphql(`
  fragment JobOfferItem on JobOffer {
    id
    title
    contractType
    contractLabel
    workingTime
    salaryLabel
    publishedAt
    companyName
    company { siret name }
    location { label postalCode }
  }
`);

export function JobOfferList({ offers, totalCount }: { offers: readonly JobOfferItemFragment[]; totalCount: number }) {
  if (offers.length === 0) return <p role="status">Aucune offre pour le moment.</p>;
  return (
    <>
      <p role="status">
        {totalCount} offre{totalCount > 1 ? 's' : ''}
        {offers.length < totalCount ? `, les ${offers.length} plus récentes :` : ' :'}
      </p>
      <ul className="mon-cpa-list">
        {offers.map((offer) => (
          <li key={offer.id} className="fr-card fr-card--no-arrow fr-card--sm fr-mb-2w">
            <div className="fr-card__body">
              <div className="fr-card__content">
                <h3 className="fr-card__title">{offer.title}</h3>
                <p className="fr-card__desc">
                  {offer.company?.name ?? offer.companyName ?? 'Employeur non communiqué'} — {offer.location.label}
                  {offer.location.postalCode ? ` (${offer.location.postalCode})` : ''}
                </p>
                <div className="fr-card__start">
                <ul className="fr-badges-group">
                  <li>
                    <p className="fr-badge fr-badge--info fr-badge--sm">{CONTRACT[offer.contractType] ?? offer.contractType}</p>
                  </li>
                  {offer.workingTime && (
                    <li>
                      <p className="fr-badge fr-badge--sm">{offer.workingTime}</p>
                    </li>
                  )}
                </ul>
                </div>
                <div className="fr-card__end">
                <p className="fr-card__detail">
                  {offer.contractLabel ?? ''} {offer.salaryLabel ? `· ${offer.salaryLabel}` : ''} · publiée le {formatDate(offer.publishedAt)}
                </p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
