export * from './budget.js';
export * from './fairness.js';
