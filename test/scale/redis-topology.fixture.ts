import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../lib/testing/ports.js';

/**
 * Throw-away Redis topologies for the failover tests: every node is a real redis-server on a free
 * port, with its files in a temp folder, stopped (and the folder removed) by `stop()`. Small
 * timeouts so a failover takes a second or two, not the production defaults' thirty.
 */
interface Node {
  port: number;
  process: ChildProcess;
}

function startServer(dir: string, port: number, args: string[]): Node {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...args], {
    stdio: 'ignore',
  });
  return { port, process: child };
}

const cli = (port: number, ...args: string[]): string => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

async function until(what: string, check: () => boolean, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      if (check()) return;
    } catch {
      // not answering yet
    }
    await sleep(100);
  }
  throw new Error(`Redis topology: ${what} did not happen`);
}

function kill(node: Node): Promise<void> {
  if (node.process.exitCode !== null || node.process.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => node.process.once('exit', () => resolve()));
  node.process.kill('SIGKILL');
  return exited;
}

export interface RedisCluster {
  /** REDIS_CLUSTER_NODES for the services. */
  nodes: string;
  /** Waits until every write so far reached the replicas, then kills a master (SIGKILL). Returns its port. */
  killMaster(): Promise<number>;
  /** Resolves once a replica took over and the cluster state is ok again. */
  healed(): Promise<void>;
  stop(): Promise<void>;
}

/** Six nodes: three masters, one replica each (`redis-cli --cluster create --cluster-replicas 1`). */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cpa-cluster-'));
  const nodes: Node[] = [];
  for (let index = 0; index < 6; index += 1) {
    const port = await freePort();
    nodes.push(startServer(dir, port, ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1000']));
  }
  for (const node of nodes) await until(`node ${node.port} up`, () => cli(node.port, 'PING') === 'PONG');
  execFileSync('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '1', '--cluster-yes'], { stdio: 'ignore' });
  const live = () => nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null);
  const healthy = () => live().every((node) => cli(node.port, 'CLUSTER', 'INFO').includes('cluster_state:ok'));
  await until('cluster state ok', healthy);
  const masters = () => live().filter((node) => cli(node.port, 'ROLE').startsWith('master'));
  await until('replicas in sync', () => masters().every((node) => cli(node.port, 'INFO', 'replication').includes('connected_slaves:1')));
  return {
    nodes: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
    killMaster: async () => {
      const victim = masters()[0];
      if (!victim) throw new Error('no master left');
      for (const master of masters()) cli(master.port, 'WAIT', '1', '2000');
      await kill(victim);
      return victim.port;
    },
    healed: () => until('failover', () => masters().length === 3 && healthy()),
    stop: async () => {
      await Promise.all(nodes.map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisSentinel {
  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME for the services. */
  sentinels: string;
  name: string;
  killMaster(): Promise<number>;
  /** Resolves once the sentinels promoted the replica. */
  healed(): Promise<void>;
  stop(): Promise<void>;
}

/** A master, one replica and three sentinels (quorum 2). */
export async function startRedisSentinel(): Promise<RedisSentinel> {
  const dir = mkdtempSync(join(tmpdir(), 'cpa-sentinel-'));
  const name = 'cpa';
  const master = startServer(dir, await freePort(), []);
  await until('master up', () => cli(master.port, 'PING') === 'PONG');
  const replica = startServer(dir, await freePort(), ['--replicaof', '127.0.0.1', String(master.port)]);
  await until('replica in sync', () => cli(master.port, 'INFO', 'replication').includes('connected_slaves:1'));
  const sentinels: Node[] = [];
  for (let index = 0; index < 3; index += 1) {
    const port = await freePort();
    const config = join(dir, `sentinel-${port}.conf`);
    execFileSync('sh', ['-c', `printf '%s\\n' "port ${port}" "bind 127.0.0.1" "sentinel monitor ${name} 127.0.0.1 ${master.port} 2" "sentinel down-after-milliseconds ${name} 1000" "sentinel failover-timeout ${name} 3000" > ${config}`]);
    const child = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
    sentinels.push({ port, process: child });
  }
  for (const sentinel of sentinels) {
    await until(`sentinel ${sentinel.port} sees the replica`, () => cli(sentinel.port, 'SENTINEL', 'REPLICAS', name).includes(String(replica.port)));
  }
  const currentMaster = () => cli(sentinels[0]?.port ?? 0, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name).split('\n')[1];
  return {
    sentinels: sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(','),
    name,
    killMaster: async () => {
      cli(master.port, 'WAIT', '1', '2000');
      await kill(master);
      return master.port;
    },
    healed: () => until('sentinel failover', () => currentMaster() === String(replica.port) && cli(replica.port, 'ROLE').startsWith('master'), 300),
    stop: async () => {
      await Promise.all([master, replica, ...sentinels].map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
