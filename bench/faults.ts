import { loadScenarios, type Scenario } from './scenarios.js';
import { errorCodes, percentileOf, sendOnce, type SingleRun } from './measure.js';
import { startBenchStack, type BenchStack } from './stack.js';

/**
 * `npm run bench:faults`: two figures the failure-containment work (#19, #16.3, #12.3) is judged by,
 * printed as Markdown. Not a test: times vary with the machine.
 * 1. A hung operator (Anotéa never answers): the training finder's latency and what it still serves,
 *    request after request, while the breaker learns; and France Travail hung for the job search
 *    (stale entries off: cache off).
 * 2. One anonymous client sending 20 heavy requests at once (ten aliased `jobOffers` searches each,
 *    every offer with its company and occupation): another user's job search p50 against its p50
 *    alone, with the default rate limits (cost budget per principal) and France Travail's real
 *    quota behind the fair gate (per-principal share, round-robin, deadlines).
 */
const fault = async (bench: BenchStack, patch: Record<string, unknown> | null) =>
  void (await fetch(`${bench.stack.urls.upstreams}/_admin/faults`, patch === null ? { method: 'DELETE' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) }));

async function series(bench: BenchStack, scenario: Scenario, count: number, vary: (index: number) => Record<string, unknown>): Promise<SingleRun[]> {
  const runs: SingleRun[] = [];
  for (let index = 0; index < count; index += 1) runs.push(await sendOnce(bench.graphql, { ...scenario, variables: vary(index) }, {}));
  return runs;
}

const byId = (id: string) => {
  const scenario = loadScenarios().find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return scenario;
};
const DEPARTMENTS = ['01', '13', '31', '33', '35', '38', '44', '59', '67', '69', '75', '76', '06', '34', '57', '62', '63', '64', '74', '92'];

async function hung(): Promise<string[]> {
  const bench = await startBenchStack({ LOG_LEVEL: 'warn', CACHE_MODE: 'off' });
  const lines = ['| fault | query | requests | p50 ms | max ms | errors by code | operator calls |', '|---|---|---|---|---|---|---|'];
  try {
    const finder = byId('training-finder');
    const jobs = byId('job-search');
    for (const [operator, scenario, vary] of [
      ['anotea', finder, () => finder.variables],
      ['francetravail', jobs, (index: number) => ({ romeCodes: ['J1506', 'J1501'], near: { departmentCode: DEPARTMENTS[index % DEPARTMENTS.length] } })],
    ] as const) {
      await fault(bench, { [operator]: { timeoutRate: 1 } });
      await bench.resetCalls();
      const runs = await series(bench, scenario, 12, vary);
      const calls = (await bench.calls()).byOperator[operator] ?? 0;
      const ms = runs.map((run) => run.ms);
      lines.push(`| ${operator} hung | ${scenario.id} | ${runs.length} | ${Math.round(percentileOf(ms, 50))} | ${Math.round(Math.max(...ms))} | ${errorCodes(runs)} | ${calls} |`);
      await fault(bench, null);
    }
  } finally {
    await bench.stop();
  }
  return lines;
}

/**
 * Ten job searches in one request (aliases), each page of 20 offers with company and occupation;
 * request `n` searches other departments than request `n - 1`, so merging identical in-flight
 * fetches cannot absorb the flood.
 */
const heavy = (n: number) => `query Heavy {
${['J1506', 'J1501', 'M1805', 'G1602', 'D1102', 'K2111', 'H1203', 'N4101', 'F1703', 'I1304']
  .map((rome, index) => `  s${index}: jobOffers(filter: { romeCodes: ["${rome}"], near: { departmentCode: "${DEPARTMENTS[(index + n) % DEPARTMENTS.length] ?? '75'}" } }, first: 20) { totalCount edges { node { id title company { name } occupation { title } } } }`)
  .join('\n')}
}`;

const VICTIM_INTERVAL_MS = 500;

async function flood(): Promise<string[]> {
  // Rate limits at their defaults: the cost budget is one of the mechanisms measured.
  const bench = await startBenchStack({ LOG_LEVEL: 'warn', CACHE_MODE: 'off' });
  try {
    const jobs = byId('job-search');
    const token = await bench.workerToken('W000005');
    /** `count` job searches one after the other, and more until `until` (if given) has settled. */
    const victim = async (count: number, offset: number, until?: Promise<unknown>) => {
      const ms: number[] = [];
      const runs: SingleRun[] = [];
      let settled = until === undefined;
      const done = () => void (settled = true);
      void until?.then(done, done);
      for (let index = 0; index < count || !settled; index += 1) {
        const run = await sendOnce(bench.graphql, { ...jobs, variables: { romeCodes: ['J1506'], near: { departmentCode: DEPARTMENTS[(offset + index) % DEPARTMENTS.length] } } }, { authorization: `Bearer ${token}` });
        ms.push(run.ms);
        runs.push(run);
        // A person searching twice a second (far faster than by hand). Back to back (~40/s, a France
        // Travail call each, cache off) the victim is over the operator's 10 calls/s on its own and
        // waits for the quota window even alone: it would measure the quota, not the flood.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, VICTIM_INTERVAL_MS - run.ms)));
      }
      return { ms, runs };
    };
    const alone = await victim(10, 0);
    await bench.resetCalls();
    const flooding = Promise.all(Array.from({ length: 20 }, (_, n) => sendOnce(bench.graphql, { id: 'heavy', title: 'heavy', query: heavy(n), variables: {} }, {})));
    // The victim searches for as long as the flood lasts (at least ten times), not only its first second.
    const during = await victim(10, 10, flooding);
    const heavyRuns = await flooding;
    const ftCalls = (await bench.calls()).byOperator['francetravail'] ?? 0;
    const ratio = percentileOf(during.ms, 50) / percentileOf(alone.ms, 50);
    const statuses: Record<string, number> = {};
    for (const run of heavyRuns) statuses[String(run.status)] = (statuses[String(run.status)] ?? 0) + 1;
    return [
      `| victim job search (worker W000005, one every ${VICTIM_INTERVAL_MS} ms) | p50 ms | max ms | errors by code |`,
      '|---|---|---|---|',
      `| alone | ${Math.round(percentileOf(alone.ms, 50))} | ${Math.round(Math.max(...alone.ms))} | ${errorCodes(alone.runs)} |`,
      `| during 20 anonymous requests of 10 aliased jobOffers searches (${during.ms.length} searches, until the flood is answered) | ${Math.round(percentileOf(during.ms, 50))} | ${Math.round(Math.max(...during.ms))} | ${errorCodes(during.runs)} |`,
      '',
      `p50 ratio: **${ratio.toFixed(2)}×** (goal < 2×); the heavy requests' HTTP statuses: ${JSON.stringify(statuses)}, their errors by code: ${errorCodes(heavyRuns)}; France Travail calls during the flood: ${ftCalls}`,
    ];
  } finally {
    await bench.stop();
  }
}

const output = ['## Hung operator (REQUEST_BUDGET_MS 5000, cache off)', '', ...(await hung()), '', '## One anonymous flood vs another user', '', ...(await flood())];
console.log(output.join('\n'));
