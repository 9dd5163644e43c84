import { describe, expect, it } from 'vitest';
import type { RightsRepository, WorkerRights } from '../domain/rights.js';
import { createRequestRightsMemo, createRightsLoader } from './rights.loader.js';

/** A repository that counts its reads; `fail` makes the next read fail. */
function countingRepository() {
  const repository = {
    reads: [] as string[][],
    fail: false,
    async rightsOf(ids: readonly string[]): Promise<Map<string, WorkerRights>> {
      repository.reads.push([...ids]);
      if (repository.fail) {
        repository.fail = false;
        throw new Error('CDC down');
      }
      return new Map(ids.filter((id) => id !== 'W-unknown').map((id) => [id, { workerId: id } as unknown as WorkerRights]));
    },
    async movementsOf() {
      return null;
    },
  };
  return repository satisfies RightsRepository;
}

describe('rights read once per gateway request (request-id memo)', () => {
  it('two subgraph requests of one gateway request (same id, same token) share one read', async () => {
    const repository = countingRepository();
    const memo = createRequestRightsMemo({ ttlMs: 10_000, maxRequests: 10 });
    // `me { activityAccount }`, then, in a later fetch of the same plan, `Training.funding` for the same worker.
    const first = createRightsLoader(repository, memo.forRequest('req-1', 'Bearer a'));
    const second = createRightsLoader(repository, memo.forRequest('req-1', 'Bearer a'));
    const [one, two] = await Promise.all([first.load('W000005'), second.load('W000005')]);
    expect(one).toBe(two);
    expect(await second.load('W-unknown')).toBeNull();
    expect(repository.reads).toEqual([['W000005'], ['W-unknown']]);
  });

  it('is principal-bound and request-bound: another token or another request reads again', async () => {
    const repository = countingRepository();
    const memo = createRequestRightsMemo({ ttlMs: 10_000, maxRequests: 10 });
    await createRightsLoader(repository, memo.forRequest('req-1', 'Bearer a')).load('W000005');
    await createRightsLoader(repository, memo.forRequest('req-1', 'Bearer b')).load('W000005');
    await createRightsLoader(repository, memo.forRequest('req-2', 'Bearer a')).load('W000005');
    expect(repository.reads).toHaveLength(3);
  });

  it('does not remember a failed read', async () => {
    const repository = countingRepository();
    repository.fail = true;
    const memo = createRequestRightsMemo({ ttlMs: 10_000, maxRequests: 10 });
    await expect(createRightsLoader(repository, memo.forRequest('req-1', 'Bearer a')).load('W000005')).rejects.toThrow('CDC down');
    expect(await createRightsLoader(repository, memo.forRequest('req-1', 'Bearer a')).load('W000005')).toMatchObject({ workerId: 'W000005' });
    expect(repository.reads).toHaveLength(2);
  });
});
