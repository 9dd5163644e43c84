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
