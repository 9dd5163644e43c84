import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { commonEnv } from './configs.js';
import { requestBody } from './measure.js';
import { headersFor } from './phases.js';
import { loadScenarios } from './scenarios.js';
import { startBenchStack } from './stack.js';

/**
 * `npm run bench:soak-heap` (issue #16 point 7): is a process's heap growth under the soak mix a
 * leak? Starts the stack with `--heapsnapshot-signal`, loads it with the soak's mix, and takes a
 * heap snapshot of one service (default france-travail) after the warm-up and after each further
 * slice. A snapshot is written after a full garbage collection, so its size is the heap that is
 * really retained (what `nodejs_heap_size_used_bytes` cannot tell apart from garbage not yet
 * collected). Prints the retained size per snapshot and the constructors that grew most.
 *
 *   SERVICE=france-travail SLICES=3 SLICE_SECONDS=40 npm run bench:soak-heap
 */
const say = (line: string) => process.stderr.write(`${line}\n`);
const service = process.env['SERVICE'] ?? 'france-travail';
const slices = Number(process.env['SLICES'] ?? 3);
const sliceSeconds = Number(process.env['SLICE_SECONDS'] ?? 40);
const dir = join(tmpdir(), `cpa-soak-heap-${process.pid}`);
mkdirSync(dir, { recursive: true });

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Retained bytes and self size per `type:name` (constructor for objects) of one snapshot. */
function summarise(file: string): { total: number; byName: Map<string, { size: number; count: number }> } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = parsed.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = parsed.snapshot.meta.node_types[0];
  const byName = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let index = 0; index < parsed.nodes.length; index += width) {
    const type = types[parsed.nodes[index + typeAt] ?? 0] ?? '?';
    const rawName = parsed.strings[parsed.nodes[index + nameAt] ?? 0] ?? '?';
    const name = type === 'object' || type === 'closure' ? rawName : type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '(string)' : `(${type})`;
    const size = parsed.nodes[index + sizeAt] ?? 0;
    total += size;
    const known = byName.get(`${type}:${name}`) ?? { size: 0, count: 0 };
    known.size += size;
    known.count += 1;
    byName.set(`${type}:${name}`, known);
  }
  return { total, byName };
}

async function snapshot(pid: number, label: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 120; waited += 1) {
    await sleep(1000);
    const fresh = readdirSync(dir).filter((name) => !before.has(name) && name.endsWith('.heapsnapshot'));
    const file = fresh[0] ? join(dir, fresh[0]) : undefined;
    // Written in one go, but large: wait until its size stops changing.
    if (file) {
      const size = statSync(file).size;
      await sleep(1500);
      if (statSync(file).size === size && size > 0) {
        say(`  snapshot ${label}: ${(size / 1024 / 1024).toFixed(0)} MiB file`);
        return file;
      }
    }
  }
  throw new Error(`no heap snapshot from ${service} (pid ${pid})`);
}

const stack = await startBenchStack({
  ...commonEnv({ redisUrl: null, latencyMs: 0, jitterMs: 0, ftQuota: false }),
  NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`,
});
try {
  const scenarios = loadScenarios();
  const requests: autocannon.Request[] = [];
  for (const scenario of scenarios) {
    requests.push({ method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(stack, scenario)) }, body: requestBody(scenario) });
  }
  const pid = stack.stack.pid(service);
  if (pid === undefined) throw new Error(`no process for ${service}`);
  const load = async (seconds: number) => {
    const result = await autocannon({ url: stack.graphql, connections: 8, duration: seconds, timeout: 10, requests });
    say(`  load ${seconds} s: ${(result.requests.total / result.duration).toFixed(0)} req/s, ${result.non2xx + result.errors} errors`);
  };
  say('warming (10 s)…');
  await load(10);
  const files = [await snapshot(pid, 'after warm-up')];
  for (let slice = 1; slice <= slices; slice += 1) {
    await load(sliceSeconds);
    files.push(await snapshot(pid, `after ${slice * sliceSeconds} s more`));
  }
  const summaries = files.map((file) => summarise(file));
  const lines = [`# Heap retained by ${service} after a full GC (heap snapshots), soak mix at full rate`, '', '| snapshot | load so far (s) | retained MiB |', '|---|--:|--:|'];
  summaries.forEach((summary, index) => lines.push(`| ${index} | ${index * sliceSeconds} | ${(summary.total / 1024 / 1024).toFixed(1)} |`));
  const first = summaries[0];
  const last = summaries.at(-1);
  if (first && last) {
    const growth = [...last.byName].map(([name, now]) => {
      const then = first.byName.get(name) ?? { size: 0, count: 0 };
      return { name, size: now.size - then.size, count: now.count - then.count };
    });
    growth.sort((a, b) => b.size - a.size);
    lines.push('', '| grew most (first → last snapshot) | bytes | objects |', '|---|--:|--:|');
    for (const item of growth.slice(0, 15)) lines.push(`| ${item.name.replace(/\|/g, '\\|').slice(0, 80)} | ${item.size} | ${item.count} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
