import { readFileSync } from 'node:fs';
import { repoPath } from '../lib/paths.js';

/** One of graph.md's four "queries the graph exists for", with the variables the benchmark sends. */
export interface Scenario {
  id: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** A demo worker whose token the request carries (`me`), or none (public data). */
  workerId?: string;
  /**
   * Dependent upstream waits the data itself needs (issue #15.3: the dashboard's job-seeker status →
   * the sought occupation's offers and trainings → their outcomes; the rights are independent):
   * the report prints the cold p50 against this many upstream latencies.
   */
  criticalPathHops?: number;
}

/** The operation text without its leading comment lines (they document the file, not the request). */
function loadQuery(file: string): string {
  return readFileSync(repoPath('bench', 'queries', file), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .trim();
}

/**
 * Parameters are chosen so that the four scenarios share as little upstream data as possible:
 * with the cache on, "cold" is measured for all four before any warm-up, and a scenario must not
 * find its data already cached by another one.
 */
export function loadScenarios(): Scenario[] {
  return [
    {
      id: 'worker-dashboard',
      title: 'Worker dashboard (me, W000005, 4 hops)',
      query: loadQuery('worker-dashboard.graphql'),
      variables: {},
      // Demo worker 5: category-A job seeker with an allowance, looking for M1805.
      workerId: 'W000005',
      criticalPathHops: 3,
    },
    {
      id: 'training-finder',
      title: 'Training finder (50 trainings + provider, certification, cpfEligible, outcomes, reviews)',
      query: loadQuery('training-finder.graphql'),
      // Materials work and languages (generic Formacodes, narrower codes included) within 60 km of Paris: 63 trainings.
      variables: { formacodes: ['23054', '15254'], near: { communeCode: '75056', radiusKm: 60 } },
    },
    {
      id: 'job-search',
      title: 'Job search (20 offers + company, occupation)',
      query: loadQuery('job-search.graphql'),
      // Nursing (J1506, J1501) in the Bouches-du-Rhône: 33 offers, so the page of 20 is full.
      variables: { romeCodes: ['J1506', 'J1501'], near: { departmentCode: '13' } },
    },
    {
      id: 'career-change',
      title: 'Career change (related occupations + offers, trainings, certifications)',
      query: loadQuery('career-change.graphql'),
      // Kitchen staff: its related occupations and, for each, offers, trainings and certifications.
      variables: { romeCode: 'G1602' },
    },
  ];
}
