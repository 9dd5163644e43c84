/** Money in the domain is always integer euro cents: floats never leave the mappers. */
export type Cents = number;

export interface Money {
  cents: Cents;
  currency: 'EUR';
}

export const money = (cents: Cents): Money => ({ cents, currency: 'EUR' });

/** Euros as the operator writes them (decimal numbers, e.g. 102.23) → integer cents. */
export const eurosToCents = (euros: number): Cents => Math.round(euros * 100);
