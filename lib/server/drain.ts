import type { Server } from 'node:http';
import type { Logger } from '../logging/index.js';

export interface DrainOptions {
  logger: Logger;
  /** In-flight requests get this long to finish after SIGTERM before their sockets are closed. */
  graceMs?: number;
  /** Exits the process (injectable for tests). */
  exit?: (code: number) => void;
}

/** `SHUTDOWN_GRACE_MS` (default 10 s, under Kubernetes' 30 s termination grace period). */
export function shutdownGraceMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['SHUTDOWN_GRACE_MS'] ?? 10_000);
  return Number.isInteger(value) && value >= 0 ? value : 10_000;
}

/**
 * Stops accepting connections and resolves once every in-flight request has been answered. Idle
 * keep-alive sockets are closed at once and again as requests finish (Node's `close()` only closes
 * those idle at the moment it is called); after `graceMs` the remaining sockets are cut.
 */
export async function drainServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

/**
 * The project's own shutdown (Apollo Server's `stopOnTerminationSignals` is off everywhere: it
 * stops and re-signals within milliseconds, dropping in-flight requests). On SIGTERM or SIGINT:
 * `stop` drains the server and closes pools, Redis and files; then the process exits 0 (1 if
 * stopping failed). A second signal while draining is ignored.
 */
export function drainOnSignals(stop: () => Promise<void>, options: DrainOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.logger.info({ signal }, 'draining: no new connections, finishing in-flight requests');
    stop().then(
      () => {
        options.logger.info('drained, exiting');
        exit(0);
      },
      (error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
