import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a test or a launcher to listen on a moment later.
 *
 * Not chosen by the OS: the OS hands out ports from the ephemeral range (Linux: 32768–60999), the
 * range every outgoing connection takes its local port from, so on a busy machine a port the OS
 * called free was taken by a client socket before the service bound it (EADDRINUSE in CI). Nor at
 * random in one shared range: two vitest workers then picked the same port between one's probe and
 * its bind. Each vitest worker (`VITEST_POOL_ID`, 1…) takes its own slice of 1,000 ports in
 * 12000–21999 (slice 0, 12000–12999, outside vitest), and hands them out in turn from a random
 * start, skipping any in use, so one process does not give the same port twice until it went
 * round its slice. A Redis Cluster node's bus port (port + 10000, 22000–31999) stays below the
 * ephemeral range too.
 */
const FIRST = 12_000;
const SLICE = 1_000;
const SLICES = 10;

const poolId = Number.parseInt(process.env['VITEST_POOL_ID'] ?? '0', 10);
const sliceStart = FIRST + (Number.isInteger(poolId) && poolId > 0 ? poolId % SLICES : 0) * SLICE;
let next = Math.floor(Math.random() * SLICE);

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < SLICE; attempt += 1) {
    const port = sliceStart + (next % SLICE);
    next += 1;
    if (await listenable(port)) return port;
  }
  throw new Error(`no free port in ${sliceStart}–${sliceStart + SLICE - 1}`);
}

async function listenable(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
