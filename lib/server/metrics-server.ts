import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { DEFAULT_HOST, parseEnv, port, type EnvSource } from '../config/index.js';
import type { Logger } from '../logging/index.js';
import { registry } from '../metrics/index.js';
import { listen } from './http.js';

/**
 * Prometheus metrics on their own listener (issue #12 item 4), never on a public GraphQL port:
 * `METRICS_HOST` (default 127.0.0.1, loopback) and `METRICS_PORT` (each service has its own default,
 * below; the launcher gives each process its own). Only `GET /metrics` is served; `METRICS_PORT=0`
 * takes any free port.
 */
export const DEFAULT_METRICS_PORTS = {
  gateway: 9400,
  'caisse-des-depots': 9401,
  'france-travail': 9402,
  'training-catalog': 9403,
} as const;

export type MetricsService = keyof typeof DEFAULT_METRICS_PORTS;

export interface MetricsListen {
  host: string;
  port: number;
}

export function metricsListenFromEnv(service: MetricsService, env: EnvSource = process.env): MetricsListen {
  const parsed = parseEnv({ METRICS_HOST: z.string().min(1).default(DEFAULT_HOST), METRICS_PORT: port(DEFAULT_METRICS_PORTS[service]) }, env);
  return { host: parsed.METRICS_HOST, port: parsed.METRICS_PORT };
}

export interface RunningMetrics {
  server: Server;
  port: number;
  close: () => Promise<void>;
}

export async function startMetricsServer(where: MetricsListen, logger?: Logger): Promise<RunningMetrics> {
  const server = createServer({ headersTimeout: 5_000, requestTimeout: 10_000 }, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger?.error({ err: error }, 'metrics failed');
        response.writeHead(500).end();
      },
    );
  });
  const actual = await listen(server, where.port, where.host, 'METRICS_PORT');
  logger?.info({ url: `http://${where.host}:${actual}/metrics` }, 'metrics listening');
  return { server, port: actual, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
}
