import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lib/testing/ports.js';

/**
 * nginx in front of replicas, one listening port per service, round robin. A replica that refuses,
 * resets or answers 502/503 is skipped and the request retried on the next one — also for POST
 * (`non_idempotent`): GraphQL queries are safe to replay, and that is what makes a killed replica
 * cost no failed request. The client's `X-Forwarded-For` is passed as is (the test plays the edge).
 */
export interface Nginx {
  port(service: string): number;
  stop(): Promise<void>;
}

export async function nginxPorts(services: readonly string[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const service of services) ports[service] = await freePort();
  return ports;
}

export function startNginx(listen: Record<string, number>, backends: Record<string, number[]>): Nginx {
  const dir = mkdtempSync(join(tmpdir(), 'cpa-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  const blocks = Object.entries(listen).map(
    ([service, port]) => `
  upstream ${service} { ${(backends[service] ?? []).map((backend) => `server 127.0.0.1:${backend} max_fails=0;`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${service};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 4;
    }
  }`,
  );
  const config = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${blocks.join('\n')}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const child: ChildProcess = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  return {
    port: (service) => listen[service] ?? 0,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
