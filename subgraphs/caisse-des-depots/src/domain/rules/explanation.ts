import type { Cents } from '../money.js';
import type { LegalBasis } from './legal-texts.js';
import type { Cited } from './parameters.js';

/**
 * How a computed amount explains itself: which rule, in plain French, on which texts, in force
 * since when, from which inputs. Built only from the parameter rows the rule used (`Cited`), so an
 * explanation can never cite a text the computation did not apply. Reused by other rule consumers
 * (transition plans): build with `explain`, attach with `explained`.
 */
export interface ExplanationInput {
  name: string;
  value: string;
}

export interface Explanation {
  /** Stable id of the rule, e.g. `cpf.yearly-credit`. */
  ruleId: string;
  /** The rule applied, in plain French, with its figures. */
  rule: string;
  /** The texts of every parameter row used, without duplicates. */
  legalBasis: LegalBasis[];
  /** The latest effective date among the rows used: since when this computation holds. */
  effectiveFrom: string;
  /** True only when every row used was read in its primary text. */
  confirmed: boolean;
  inputs: ExplanationInput[];
}

/** An amount with the explanation of how it was computed. */
export interface Explained {
  cents: Cents;
  explanation: Explanation;
}

export type InputValues = Record<string, string | number | boolean | null | undefined>;

export function explain(ruleId: string, rule: string, rows: readonly (Cited | undefined)[], inputs: InputValues = {}): Explanation {
  const used = rows.filter((row): row is Cited => row !== undefined);
  const legalBasis: LegalBasis[] = [];
  const seen = new Set<string>();
  for (const basis of used.flatMap((row) => row.basis)) {
    const key = `${basis.text}|${basis.article ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      legalBasis.push(basis);
    }
  }
  return {
    ruleId,
    rule,
    legalBasis,
    effectiveFrom: used.reduce((latest, row) => (row.from > latest ? row.from : latest), '0000-01-01'),
    confirmed: used.length > 0 && used.every((row) => row.confirmed),
    inputs: Object.entries(inputs)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
      .map(([name, value]) => ({ name, value: String(value) })),
  };
}

export const explained = (cents: Cents, explanation: Explanation): Explained => ({ cents, explanation });

/** Euros the French way, for the plain-French rule texts: 1 136,80 €. */
export function euros(cents: Cents): string {
  const [whole = '0', decimals = '00'] = (Math.abs(cents) / 100).toFixed(2).split('.');
  return `${cents < 0 ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${decimals} €`;
}

/** R6323-1: a computed amount with more than two decimals is rounded up to the cent. */
export const roundUpToCent = (cents: number): Cents => Math.ceil(cents - 1e-9);
