import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { repoPath } from '../../lib/paths.js';

/**
 * Serves "Mon CPA" (web/, built by `npm run build:web` into web/dist) under /app/, beside the
 * explorer and in development only, and relays the app's development login to the issuer
 * (`/app/dev/workers`, `/app/dev/login` → `${issuer}/dev/…`) so the browser talks to one origin.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface WebAppOptions {
  /** The development issuer's base URL (AUTH_ISSUER). */
  issuer: string;
  /** Directory of the built app; default web/dist. */
  distDir?: string;
}

async function readSmallBody(request: IncomingMessage, limit = 4096): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function relay(response: ServerResponse, url: string, init: RequestInit): Promise<void> {
  try {
    const upstream = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    const body = await upstream.text();
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' });
    response.end(body);
  } catch {
    response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'issuer_unavailable', message: 'The development issuer does not answer.' }));
  }
}

function sendFile(response: ServerResponse, file: string, immutable: boolean): void {
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(response);
}

/** A route handler for the gateway's `extraRoutes`: true when it answered the request. */
export function webAppRoutes(options: WebAppOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const dist = options.distDir ?? repoPath('web', 'dist');
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/app' && !path.startsWith('/app/')) return false;
    if (path === '/app/dev/workers' && request.method === 'GET') {
      await relay(response, `${options.issuer}/dev/workers`, {});
      return true;
    }
    if (path === '/app/dev/login' && request.method === 'POST') {
      const body = await readSmallBody(request);
      if (body === null) {
        response.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"too_large"}');
        return true;
      }
      await relay(response, `${options.issuer}/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (path === '/app') {
      response.writeHead(308, { location: '/app/' }).end();
      return true;
    }
    const relative = normalize(decodeURIComponent(path.slice('/app/'.length)) || 'index.html');
    const file = join(dist, relative);
    if (relative.startsWith('..') || !file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (relative === 'index.html') {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Mon CPA is not built: run `npm run build:web`.\n');
        return true;
      }
      return false;
    }
    sendFile(response, file, relative.startsWith(`assets${sep}`));
    return true;
  };
}
