/**
 * How my rights would pay for a training (a FundingPlan): the remaining cost in one sentence,
 * then one disclosure with the computation of each part — CPF, C2P points, participation, the
 * per-action cap and the remaining cost — each with its rule and texts.
 */
import { EXEMPTION, formatMoney } from '../format';
import { graphql } from '../gql';
import { ExplanationBody, type ExplanationView } from './Explanation';

export const FundingFactsFragmentDoc = graphql(`
  fragment FundingFacts on FundingPlan {
    coveredInFull
    price { cents }
    cpf { cents explanation { ...AmountExplanation } }
    prevention { cents explanation { ...AmountExplanation } }
    preventionPoints
    participation { cents explanation { ...AmountExplanation } }
    participationExemption
    perActionCap { cents explanation { ...AmountExplanation } }
    remainingCost { cents explanation { ...AmountExplanation } }
  }
`);

interface Amount {
  cents: number;
  explanation: ExplanationView;
}

/** What FundingFacts shows: the FundingFacts fragment (a training's funding, a transition path's). */
export interface FundingView {
  coveredInFull: boolean;
  price?: { cents: number };
  cpf: Amount;
  prevention: Amount;
  preventionPoints: number;
  participation: Amount;
  participationExemption: string | null;
  perActionCap?: Amount | null;
  remainingCost: Amount;
}

export function fundingSentence(funding: FundingView): string {
  const head = funding.coveredInFull ? 'Entièrement couverte' : `Reste à payer ${formatMoney(funding.remainingCost)}`;
  const prevention = funding.preventionPoints ? `, C2P ${formatMoney(funding.prevention)} (${funding.preventionPoints} points)` : '';
  const exemption = funding.participationExemption ? ` (exonérée : ${EXEMPTION[funding.participationExemption] ?? funding.participationExemption})` : '';
  return `${head} : CPF ${formatMoney(funding.cpf)}${prevention}, participation ${formatMoney(funding.participation)}${exemption}.`;
}

export function FundingFacts({ funding, of }: { funding: FundingView; of: string }) {
  const parts = [
    { label: 'Pris sur mon CPF', amount: funding.cpf },
    ...(funding.preventionPoints ? [{ label: `Pris sur mes points C2P (${funding.preventionPoints} points)`, amount: funding.prevention }] : []),
    { label: 'Participation forfaitaire', amount: funding.participation },
    ...(funding.perActionCap ? [{ label: 'Plafond de droits pour cette action', amount: funding.perActionCap }] : []),
    { label: 'Reste à payer', amount: funding.remainingCost },
  ];
  return (
    <>
      {fundingSentence(funding)}
      <details className="mon-cpa-explanation">
        <summary>
          Comment est calculé ce financement<span className="fr-sr-only"> : {of}</span> ?
        </summary>
        <div className="mon-cpa-explanation__body">
          {funding.price && <p className="fr-text--sm fr-mb-1w">Prix {formatMoney(funding.price)}.</p>}
          {parts.map((part) => (
            <div key={part.label} className="fr-mb-2w">
              <p className="fr-text--bold fr-mb-0">
                {part.label} : {formatMoney(part.amount)}
              </p>
              <ExplanationBody explanation={part.amount.explanation} />
            </div>
          ))}
        </div>
      </details>
    </>
  );
}
