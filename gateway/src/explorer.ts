import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);

/** GraphiQL and React come from node_modules, so the explorer works with no internet. */
const packageDir = (name: string): string => dirname(require.resolve(name));
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: join(packageDir('graphiql'), '..', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), '..', 'graphiql.min.css'), type: 'text/css' },
};

const EXAMPLE = `# cpa-graph — try a public query, or get a token with \`npm run token -- --worker W000001\`
# and set the header {"Authorization": "Bearer <token>"} below to query \`me\`.
query CareerChange {
  occupation(romeCode: "M1805") {
    title
    relatedOccupations { romeCode title }
    jobOffers(first: 3) { totalCount edges { node { title location { label } } } }
    trainings(first: 3) { totalCount edges { node { title price { cents } } } }
  }
}
`;

function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>cpa-graph explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/explorer/graphiql.css" />
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)}, defaultEditorToolsVisibility: true }),
  );
</script>
</body>
</html>`;
}

/** Serves `GET /` (the explorer page) and its assets; returns false for any other route. */
export async function serveExplorer(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET') return false;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/') {
    const html = page();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
    response.end(html);
    return true;
  }
  const asset = path.startsWith('/explorer/') ? ASSETS[path.slice('/explorer/'.length)] : undefined;
  if (!asset) return false;
  response.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
  createReadStream(asset.file).pipe(response);
  return true;
}
