import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { repoPath } from '../../lib/paths.js';

/**
 * The explorer: GraphiQL at `GET /`, with its assets from node_modules (works with no internet).
 *
 * In development it also lets a person act as a demo worker or partner: the page's "Act as"
 * picker (explorer.browser.js) asks this gateway for a token from the development issuer, which
 * it relays server-side so the browser talks to one origin —
 *   GET  /explorer/dev/identities   demo workers and partner clients (no secrets)
 *   POST /explorer/dev/token        {"workerId":"W000005"} | {"clientId":"demo-counsellor"} → the issuer's token response
 * — and sets the `Authorization` header, renewed before the token expires. With `devIdentities`
 * off (NODE_ENV=production, even when EXPLORER_ENABLED=true) the page has no picker and these
 * routes do not exist.
 */
const require = createRequire(import.meta.url);


export interface ExplorerOptions {
  /** The development issuer's base URL (AUTH_ISSUER), e.g. http://127.0.0.1:4010/identity. */
  issuer: string;
  /** The "Act as" picker and its routes: development only. */
  devIdentities: boolean;
}

const packageDir = (name: string): string => dirname(require.resolve(name));
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: join(packageDir('graphiql'), '..', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), '..', 'graphiql.min.css'), type: 'text/css' },
  'explorer.js': { file: repoPath('gateway', 'src', 'explorer.browser.js'), type: 'text/javascript' },
};

const EXAMPLE = `# cpa-graph — try a public query. To query \`me\`, pick a demo worker in "Act as" above:
# the explorer gets a token from the development issuer and sends it as the Authorization header.
query CareerChange {
  occupation(romeCode: "M1805") {
    romeCode
    title
    relatedOccupations { romeCode title }
    jobOffers(first: 3) { totalCount edges { node { id title location { label } } } }
    trainings(first: 3) { totalCount edges { node { id title price { cents } } } }
  }
}
`;

const EXAMPLE_PRODUCTION = `# cpa-graph — try a public query; personal fields need an Authorization header from your identity provider.
query Occupation {
  occupation(romeCode: "M1805") { romeCode title }
}
`;

/** JSON inside a <script> element: `<` escaped so no string can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const BAR_STYLE = `#act-as-bar{display:flex;gap:.75rem;align-items:center;padding:.4rem .8rem;border-bottom:1px solid #ccc;font-size:14px}
#act-as-bar .hint{margin-left:auto;color:#666}
#act-as-status[data-state="error"]{color:#b00}`;

function page(options: ExplorerOptions): string {
  const settings = { devIdentities: options.devIdentities, defaultQuery: options.devIdentities ? EXAMPLE : EXAMPLE_PRODUCTION };
  const bar = options.devIdentities
    ? `<header id="act-as-bar">
<label for="act-as">Act as</label>
<select id="act-as" disabled><option value="">Anonymous (public data)</option></select>
<span id="act-as-status" role="status">Loading the demo identities…</span>
<span class="hint">development issuer — demo data only</span>
</header>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>cpa-graph explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/explorer/graphiql.css" />
<style>
body{margin:0;height:100vh;display:flex;flex-direction:column;font-family:system-ui,sans-serif}
#graphiql{flex:1;min-height:0}
${options.devIdentities ? BAR_STYLE : ''}</style>
</head>
<body>
${bar}
<div id="graphiql">Loading the explorer…</div>
<script id="explorer-settings" type="application/json">${scriptJson(settings)}</script>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script src="/explorer/explorer.js"></script>
</body>
</html>`;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

async function readSmallJson(request: IncomingMessage, limit = 1024): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);

/** The development issuer's demo directory (`/dev/workers`, `/dev/clients`), read server-side. */
function issuerClient(issuer: string) {
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    const answer = await fetch(`${issuer}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
    return { status: answer.status, body: (await answer.json().catch(() => undefined)) as unknown };
  };
  return {
    workers: async () => list(record((await call('/dev/workers')).body)['workers']),
    clients: async () => list(record((await call('/dev/clients')).body)['clients']),
    workerToken: async (workerId: string) =>
      await call('/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workerId }) }),
    clientToken: async (clientId: string, secret: string) =>
      await call('/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
      }),
  };
}

const issuerDown = { error: 'issuer_unavailable', message: 'The development issuer does not answer (is the stack started with npm start?).' };

/** A route handler for the gateway's `extraRoutes`: true when it answered the request. */
export function explorerRoutes(options: ExplorerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const issuer = issuerClient(options.issuer.replace(/\/$/, ''));
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (options.devIdentities && path === '/explorer/dev/identities' && request.method === 'GET') {
      try {
        const [workers, clients] = await Promise.all([issuer.workers(), issuer.clients()]);
        sendJson(response, 200, {
          workers: workers.map((worker) => ({ id: worker['id'], label: worker['label'], why: worker['why'] })),
          // Secrets stay on the server side of this relay.
          clients: clients.map((client) => ({ clientId: client['clientId'], description: client['description'], allowedScopes: client['allowedScopes'] })),
        });
      } catch {
        sendJson(response, 502, issuerDown);
      }
      return true;
    }
    if (options.devIdentities && path === '/explorer/dev/token' && request.method === 'POST') {
      // A JSON body only: a cross-site form cannot send one without a CORS preflight.
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(response, 415, { error: 'invalid_request', message: 'Send {"workerId": "W000005"} or {"clientId": "demo-counsellor"} as application/json.' });
        return true;
      }
      const body = record(await readSmallJson(request));
      const { workerId, clientId } = body;
      try {
        if (typeof workerId === 'string' && clientId === undefined) {
          const { status, body: token } = await issuer.workerToken(workerId);
          sendJson(response, status, token);
        } else if (typeof clientId === 'string' && workerId === undefined) {
          const secret = (await issuer.clients()).find((client) => client['clientId'] === clientId)?.['clientSecret'];
          if (typeof secret !== 'string') sendJson(response, 404, { error: 'not_found', message: `No demo client "${clientId}".` });
          else {
            const { status, body: token } = await issuer.clientToken(clientId, secret);
            sendJson(response, status, token);
          }
        } else {
          sendJson(response, 400, { error: 'invalid_request', message: 'Send {"workerId": "W000005"} or {"clientId": "demo-counsellor"}.' });
        }
      } catch {
        sendJson(response, 502, issuerDown);
      }
      return true;
    }
    if (request.method !== 'GET') return false;
    if (path === '/') {
      const html = page(options);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
      response.end(html);
      return true;
    }
    const asset = path.startsWith('/explorer/') ? ASSETS[path.slice('/explorer/'.length)] : undefined;
    if (!asset) return false;
    response.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': asset.file.endsWith('explorer.browser.js') ? 'no-cache' : 'public, max-age=86400' });
    createReadStream(asset.file).pipe(response);
    return true;
  };
}
