import { buildWorld } from '../upstreams/data/world.js';

/** Variables (and, for `me`, a worker) of one request of the cold-traffic measure. */
export interface ColdVariant {
  variables: Record<string, unknown>;
  workerId?: string;
}

/**
 * Cold traffic: requests whose variables nobody asked before in the run, so the cache holds no
 * answer for them (entries they share with earlier requests — an occupation's label, a provider's
 * reviews — may be warm, as they would be in production). Drawn from the simulators' own world,
 * so every request has data behind it.
 */
export function coldVariants(scenarioId: string, count: number, exclude: Record<string, unknown>): ColdVariant[] {
  const world = buildWorld();
  const excluded = JSON.stringify(exclude);
  const pick = (all: ColdVariant[]) => all.filter((variant) => JSON.stringify(variant.variables) !== excluded || variant.workerId !== undefined).slice(0, count);
  switch (scenarioId) {
    case 'worker-dashboard':
      // Registered job seekers other than the demo workers: the dashboard's four hops all apply.
      return pick(world.workers.filter((worker) => worker.jobSeeker && !worker.demo).map((worker) => ({ variables: {}, workerId: worker.id })));
    case 'training-finder': {
      // The largest commune of each department, one department at a time, with the measured Formacodes.
      const largest = new Map<string, string>();
      const byPopulation = [...world.refs.communes].sort((a, b) => b.population - a.population);
      for (const commune of byPopulation) if (!largest.has(commune.department)) largest.set(commune.department, commune.insee);
      const formacodes = (exclude['formacodes'] as string[] | undefined) ?? [];
      return pick([...largest.values()].map((communeCode) => ({ variables: { formacodes, near: { communeCode, radiusKm: 60 } } })));
    }
    case 'job-search': {
      const departments = [...new Set(world.refs.communes.map((commune) => commune.department))].sort();
      const romeCodes = (exclude['romeCodes'] as string[] | undefined) ?? [];
      return pick(departments.map((departmentCode) => ({ variables: { romeCodes, near: { departmentCode } } })));
    }
    case 'career-change':
      return pick(world.refs.rome.map((rome) => ({ variables: { romeCode: rome.code } })));
    default:
      throw new Error(`no cold variants for scenario ${scenarioId}`);
  }
}

/** Counts a training-finder place's trainings: reads the catalogue only (no outcomes, no reviews). */
export const TRAINING_COUNT_QUERY =
  'query Count($formacodes: [String!], $near: PlaceInput) { trainings(filter: { formacodes: $formacodes, near: $near }, first: 1) { totalCount } }';

/**
 * Up to `limit` training-finder variables nobody asked before (the first `tried` cold variants, the
 * scenario's own `exclude`d) whose place has at least 50 trainings, so a 50-training page is full.
 * `countOf` sends TRAINING_COUNT_QUERY with the variables and returns `totalCount`.
 */
export async function coldFinderPlaces(
  countOf: (variables: Record<string, unknown>) => Promise<number>,
  options: { limit: number; tried: number; exclude: Record<string, unknown> },
): Promise<Record<string, unknown>[]> {
  const places: Record<string, unknown>[] = [];
  for (const variant of coldVariants('training-finder', options.tried, options.exclude)) {
    if ((await countOf(variant.variables)) >= 50) places.push(variant.variables);
    if (places.length === options.limit) break;
  }
  return places;
}
