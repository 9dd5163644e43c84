import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { relative } from 'node:path';

/**
 * The order test files start in: the long ones first, so that on two workers the run does not end
 * with one worker alone on a whole-stack file while the other has nothing left. Vitest orders files
 * by the durations it cached on an earlier run, else by size; CI runs on a clean clone (no cache),
 * where size put the one-line files that run several suites on a shared stack
 * (test/default-stack.test.ts) last and alone. The seconds are one CI run's, on 2 cores
 * (3 December 2026); they only need to be right in order of magnitude. Files not listed keep
 * Vitest's own order, after these.
 */
const SECONDS: Record<string, number> = {
  'test/browser-stack.test.ts': 100,
  'test/refresh.stack.test.ts': 80,
  'test/scale/replicas.stack.test.ts': 68,
  'gateway/src/response-cache.stack.test.ts': 62,
  'test/security/security.stack.test.ts': 60,
  'test/default-stack.test.ts': 55,
  'test/failure-containment.stack.test.ts': 55,
  'test/deadline.stack.test.ts': 54,
  'test/launcher.test.ts': 46,
  'upstreams/identity/identity.test.ts': 42,
  'gateway/src/sharing.stack.test.ts': 36,
  'test/scale/redis-sentinel.stack.test.ts': 30,
  'test/drain.stack.test.ts': 21,
  'test/scale/redis-cluster.stack.test.ts': 21,
  'test/hive/hive-gateway.stack.test.ts': 21,
  'subgraphs/training-catalog/src/app.test.ts': 21,
  'subgraphs/training-catalog/src/infra/ingestion/ingest.test.ts': 18,
  'test/http-edge.stack.test.ts': 16,
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const seconds = (spec: TestSpecification): number => SECONDS[relative(spec.project.config.root, spec.moduleId).split('\\').join('/')] ?? 0;
    // Array.prototype.sort is stable: files of equal weight (all the unlisted ones) keep Vitest's order.
    return [...base].sort((a, b) => seconds(b) - seconds(a));
  }
}
