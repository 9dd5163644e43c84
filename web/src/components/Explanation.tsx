/**
 * How an amount was computed, next to the amount: a native disclosure (`<details>`), so it opens
 * with the keyboard (Tab, then Enter or Space) and screen readers announce it without any script.
 * It shows the rule in plain French, the texts it rests on (a Légifrance link when the graph gives
 * one), since when it holds, whether every figure was read in its primary text, and the inputs.
 */
import { Fragment } from 'react';
import { EXPLANATION_INPUT, formatDate, formatMoney, REGIME } from '../format';
import { graphql } from '../gql';
import type { AmountExplanationFragment } from '../gql/graphql';

export const AmountExplanationFragmentDoc = graphql(`
  fragment AmountExplanation on Explanation {
    ruleId
    rule
    effectiveFrom
    confirmed
    legalBasis { text article url }
    inputs { name value }
  }
`);

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** An input's value the French way: cents as euros, dates in words, booleans as oui/non. */
function inputValue(name: string, value: string): string {
  if (/Cents$/.test(name) && /^-?\d+$/.test(value)) return euros.format(Number(value) / 100);
  if (value === 'true') return 'oui';
  if (value === 'false') return 'non';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (name === 'regime') return REGIME[value] ?? value;
  if (/^-?\d+\.\d+$/.test(value)) return Number(value).toLocaleString('fr-FR');
  return value;
}

/** What ExplanationBody shows: the AmountExplanation fragment, or any selection with at least the rule and its date. */
export interface ExplanationView {
  rule: string;
  effectiveFrom: string;
  confirmed?: boolean;
  legalBasis?: readonly { text: string; article: string | null; url?: string | null }[];
  inputs?: readonly { name: string; value: string }[];
}

/** The explanation itself: rule, dates, texts, inputs (for a disclosure that explains several amounts at once). */
export function ExplanationBody({ explanation }: { explanation: ExplanationView }) {
  const inputs = explanation.inputs ?? [];
  const legalBasis = explanation.legalBasis ?? [];
  return (
    <>
        <p className="fr-mb-1w">{explanation.rule}</p>
        <p className="fr-text--sm fr-mb-1w">
          En vigueur depuis le {formatDate(explanation.effectiveFrom)}.{' '}
          {explanation.confirmed === undefined ? '' : explanation.confirmed ? 'Chiffres lus dans les textes officiels.' : 'Au moins un chiffre repose sur une source secondaire.'}
        </p>
        {legalBasis.length > 0 && (
          <>
            <p className="fr-text--sm fr-text--bold fr-mb-0">Textes appliqués</p>
            <ul className="fr-text--sm fr-mb-1w">
              {legalBasis.map((basis) => {
                const citation = `${basis.text}${basis.article ? `, article ${basis.article}` : ''}`;
                return (
                  <li key={`${basis.text}|${basis.article ?? ''}`}>
                    {basis.url ? (
                      <a href={basis.url} target="_blank" rel="noopener noreferrer" title={`${citation} — Légifrance, nouvelle fenêtre`}>
                        {citation}
                      </a>
                    ) : (
                      citation
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
        {inputs.length > 0 && (
          <>
            <p className="fr-text--sm fr-text--bold fr-mb-0">Données du calcul</p>
            <dl className="mon-cpa-facts fr-text--sm">
              {inputs.map((input) => (
                <Fragment key={input.name}>
                  <dt>{EXPLANATION_INPUT[input.name] ?? input.name}</dt>
                  <dd>{inputValue(input.name, input.value)}</dd>
                </Fragment>
              ))}
            </dl>
          </>
        )}
    </>
  );
}

export function Explanation({ of, explanation }: { of: string; explanation: AmountExplanationFragment }) {
  return (
    <details className="mon-cpa-explanation">
      <summary>
        Comment est calculé ce montant<span className="fr-sr-only"> : {of}</span> ?
      </summary>
      <div className="mon-cpa-explanation__body">
        <ExplanationBody explanation={explanation} />
      </div>
    </details>
  );
}

/** An amount followed by its explanation. */
export function ExplainedAmount({ of, amount }: { of: string; amount: { cents: number; explanation: AmountExplanationFragment } }) {
  return (
    <>
      {formatMoney(amount)}
      <Explanation of={of} explanation={amount.explanation} />
    </>
  );
}
