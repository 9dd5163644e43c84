import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../lib/paths.js';
import { freePort } from '../../lib/testing/ports.js';
import { freshAddress, type AttackContext } from './fixture.js';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const manifest = JSON.parse(readFileSync(repoPath('schema', 'persisted-operations.json'), 'utf8')) as { operations: { id: string; name: string; body: string }[] };
const listed = (name: string) => {
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`${name} is not in schema/persisted-operations.json`);
  return operation;
};

/**
 * Issue #12 item 4: a second gateway on the same production-mode stack with
 * PERSISTED_OPERATIONS=safelist runs the repository's own operations only.
 */
export function safelistAttacks(context: () => AttackContext): void {
  describe('PERSISTED_OPERATIONS=safelist', () => {
    let child: ChildProcess | undefined;
    let graphql = '';
    let metricsUrl = '';
    let output = '';

    beforeAll(async () => {
      const { stack } = context();
      const port = await freePort();
      const metricsPort = await freePort();
      metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      child = spawn(process.execPath, ['--import', 'tsx', repoPath('gateway/src/main.ts')], {
        cwd: repoPath(),
        env: { ...process.env, ...stack.env, GATEWAY_PORT: String(port), METRICS_PORT: String(metricsPort), PERSISTED_OPERATIONS: 'safelist' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      graphql = `http://127.0.0.1:${port}/graphql`;
      for (let attempt = 0; attempt < 600; attempt += 1) {
        if (child.exitCode !== null) throw new Error(`safelist gateway exited: ${output}`);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
        if (ready) return;
        await sleep(100);
      }
      throw new Error(`safelist gateway not ready: ${output}`);
    }, 90_000);

    afterAll(async () => {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });

    const post = async (body: unknown): Promise<Answer> => {
      const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    };

    it('runs a listed operation sent in full, whatever its whitespace', async () => {
      const operation = listed('CareerStart');
      const answer = await post({ query: `# sent by a client\n${operation.body.replace(/\n/g, '\n\n')}` });
      // CareerStart reads `me`: anonymous gets its access error, not a safelist refusal.
      expect((answer.body.errors ?? []).map((error) => error.extensions?.['code'])).not.toContain('PERSISTED_QUERY_NOT_LISTED');
    });

    it('runs a listed operation sent by hash only', async () => {
      const operation = listed('OccupationSearch');
      const answer = await post({ variables: { search: 'soudeur' }, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.['occupations']).toMatchObject({ totalCount: expect.any(Number) });
    });

    it('refuses any other document with 400 PERSISTED_QUERY_NOT_LISTED, and never registers it', async () => {
      const query = `{ occupation(romeCode: "M1805") { title definition } }`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const sent = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect(sent.status).toBe(400);
      expect(sent.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['PERSISTED_QUERY_NOT_LISTED']);
      expect(sent.body.data ?? null).toBeNull();
      const again = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect(again.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('labels metrics only with listed operation names', async () => {
      await post({ query: 'query NotListedName { __typename }' });
      const text = await (await fetch(metricsUrl)).text();
      const labels = new Set([...text.matchAll(/^graphql_requests_total\{[^}]*operation="([^"]*)"/gm)].map((match) => match[1]));
      const allowed = new Set([...manifest.operations.flatMap((operation) => operation.name.split('+')), 'other', 'rejected', 'anonymous']);
      expect(labels.size).toBeGreaterThan(0);
      for (const name of labels) expect(allowed.has(name ?? ''), name).toBe(true);
      expect(labels.has('NotListedName')).toBe(false);
    });

    it('the public gateway (apq mode) still serves the same document to other users', async () => {
      const result = await context().ask('{ occupation(romeCode: "M1805") { title definition } }');
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
    });
  });
}
