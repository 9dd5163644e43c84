export interface RetryBudgetOptions {
  /** Retries allowed per first attempt, e.g. 0.2: at most 20 % more calls than callers asked for. */
  ratio?: number;
  /** Retries allowed before any call earned them (so a quiet upstream still gets a second try), and the cap on saved ones. */
  reserve?: number;
}

export interface RetryBudget {
  /** Records a first attempt (earns `ratio` of a retry). */
  recordCall(): void;
  /** Takes one retry from the budget; false when it is spent (the failure goes to the caller). */
  tryRetry(): boolean;
}

export const RETRY_BUDGET_DEFAULTS = { ratio: 0.2, reserve: 5 } as const;

/**
 * A retry budget in the manner of Finagle's and gRPC's retry throttling: each first attempt
 * deposits `ratio` of a retry, each retry withdraws one, and the balance never exceeds `reserve`.
 * Over any run of N calls there are at most `reserve + ratio × N` retries, so an upstream in
 * trouble sees its load grow by `ratio` at most, never by the `maxRetries` factor.
 */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const ratio = options.ratio ?? RETRY_BUDGET_DEFAULTS.ratio;
  const reserve = options.reserve ?? RETRY_BUDGET_DEFAULTS.reserve;
  let balance = reserve;
  return {
    recordCall() {
      balance = Math.min(reserve, balance + ratio);
    },
    tryRetry() {
      if (balance < 1) return false;
      balance -= 1;
      return true;
    },
  };
}
