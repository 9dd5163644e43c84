import { slot } from '../request-scope/slot.js';

/**
 * One request budget, split down the chain (gateway → subgraph → upstream call). The gateway
 * starts it (`REQUEST_BUDGET_MS`) and sends what remains in `x-cpa-budget-ms`; a subgraph keeps
 * the deadline in this per-request async context; lib/http bounds every attempt, backoff and
 * quota wait by it. `fairnessKey` names who the upstream calls are made for, so quota gates can
 * share an operator's quota between principals instead of serving one queue in arrival order.
 */
export const BUDGET_HEADER = 'x-cpa-budget-ms';

export interface BudgetScope {
  /** Epoch ms after which no upstream call may start or continue. */
  readonly deadline: number;
  /** The principal (or anonymous client) the request serves; set once the caller is known. */
  fairnessKey: string;
}

const store = slot<BudgetScope>('budget');

export function withBudget<T>(budgetMs: number, fn: () => T, fairnessKey = 'anonymous', now: number = Date.now()): T {
  return store.run({ deadline: now + Math.max(0, budgetMs), fairnessKey }, fn);
}

/** `REQUEST_BUDGET_MS` (default 5000): the whole request's budget at the gateway, and the most a subgraph grants. */
export function requestBudgetMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['REQUEST_BUDGET_MS'] ?? 5_000);
  return Number.isInteger(value) && value > 0 ? value : 5_000;
}

/** The deadline of the current request, or undefined outside one (background jobs: no budget). */
export function currentDeadline(): number | undefined {
  return store.get()?.deadline;
}

/** Milliseconds left in the current request's budget (Infinity outside a request). */
export function remainingBudgetMs(now: number = Date.now()): number {
  const deadline = currentDeadline();
  return deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(0, deadline - now);
}

export function setFairnessKey(key: string): void {
  const scope = store.get();
  if (scope) scope.fairnessKey = key;
}

export function currentFairnessKey(): string {
  return store.get()?.fairnessKey ?? 'background';
}

/**
 * The budget a subgraph grants a request from the gateway's header: the header's value, capped
 * by the subgraph's own maximum (a caller cannot buy more), minus a reserve for answering.
 */
export function budgetFromHeader(header: string | string[] | undefined, maxMs: number, reserveMs: number): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const asked = raw !== undefined && /^\d{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : maxMs;
  return Math.max(0, Math.min(asked, maxMs) - reserveMs);
}

/** Header carrying the fairness key from the gateway to the subgraphs (signed like the rest of the request). */
export const FAIRNESS_HEADER = 'x-cpa-fairness-key';

/** A sane fairness key from a header, or undefined (then the subgraph falls back to its own). */
export function fairnessKeyFromHeader(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9:._/-]{1,80}$/.test(value) ? value : undefined;
}
