import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a test or a launcher to listen on a moment later.
 *
 * Chosen at random in 12000–21999, not by the OS: the OS hands out ports from the ephemeral range
 * (Linux: 32768–60999), the same range every outgoing connection takes its local port from, so on a
 * busy machine a port the OS called free was taken by a client socket before the service bound it
 * (EADDRINUSE: "Port … is already in use" in CI). Below that range only listeners compete, and a
 * port is never handed out twice by one process. A Redis Cluster node's bus port (port + 10000,
 * 22000–31999) stays below the ephemeral range too.
 */
const FIRST = 12_000;
const SPAN = 10_000;
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = FIRST + Math.floor(Math.random() * SPAN);
    if (handedOut.has(port)) continue;
    if (await listenable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${FIRST}–${FIRST + SPAN - 1} after 200 tries`);
}

async function listenable(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
