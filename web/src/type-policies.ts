/**
 * How the Apollo cache identifies the graph's entities that have no `id` field, and merges the
 * objects several screens read in parts (the account is read by the rights screen and by the
 * projection separately). Without these, Apollo would warn that data may be lost.
 */
import type { TypePolicies } from '@apollo/client';

export const typePolicies: TypePolicies = {
  Occupation: { keyFields: ['romeCode'] },
  Certification: { keyFields: ['code'] },
  Company: { keyFields: ['siret'] },
  TrainingProvider: { keyFields: ['siret'] },
  ActivityAccount: { merge: true },
  TrainingAccount: { merge: true },
  Money: { merge: true },
  ExplainedMoney: { merge: true },
  Explanation: { merge: true },
  FundingPlan: { merge: true },
  Place: { merge: true },
};
