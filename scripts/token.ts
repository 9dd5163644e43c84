import { parseArgs } from 'node:util';
import { authConfigFromEnv } from '../lib/auth/config.js';
import { runMain } from '../lib/config/index.js';
import { findClient } from '../upstreams/identity/clients.js';

const HELP = `Prints an access token from the running development issuer.

  npm run -s token -- --worker W000001 [--scope "cpf:read"]
  npm run -s token -- --client demo-counsellor [--scope "cpf:read jobseeker:read"] [--secret S]

Options
  --worker ID     a worker token (dev login); demo workers: GET <issuer>/dev/workers
  --client ID     a partner token (OAuth2 client credentials); demo clients: GET <issuer>/dev/clients
  --secret S      client secret (default: the demo client's published secret)
  --scope "a b"   space-separated scopes (default: everything the worker/client may have)
  --issuer URL    issuer base URL (default: AUTH_ISSUER, else http://HOST:UPSTREAMS_PORT/identity,
                  the same variables as npm start; 127.0.0.1:4010 when unset)
  --json          print the whole token response instead of the bare token
  -h, --help      this text

Use it as:  curl -H "Authorization: Bearer $(npm run -s token -- --worker W000001)" ...
(-s keeps npm's banner out of stdout.)`;

/** A failure explained to the user: exit code 2 for bad usage, 1 when the issuer refuses or is down. */
class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

interface TokenRequest {
  url: string;
  init: RequestInit;
}

function requestFor(issuer: string, values: Record<string, string | boolean | undefined>): TokenRequest {
  const { worker, client, scope } = values;
  if (typeof worker === 'string' && typeof client === 'string') throw new CliError('Give either --worker or --client, not both.');
  if (typeof worker === 'string') {
    const body = scope === undefined ? { workerId: worker } : { workerId: worker, scope };
    return { url: `${issuer}/dev/login`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } };
  }
  if (typeof client === 'string') {
    const secret = typeof values['secret'] === 'string' ? values['secret'] : findClient(client)?.secret;
    if (secret === undefined) throw new CliError(`No demo client "${client}": pass --secret.`);
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (typeof scope === 'string') form.set('scope', scope);
    const basic = Buffer.from(`${encodeURIComponent(client)}:${encodeURIComponent(secret)}`).toString('base64');
    return {
      url: `${issuer}/token`,
      init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` }, body: form.toString() },
    };
  }
  throw new CliError('Give --worker ID or --client ID (see --help).');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      client: { type: 'string' },
      secret: { type: 'string' },
      scope: { type: 'string' },
      issuer: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  // Same port variables as `npm start`: a stack on UPSTREAMS_PORT=5410 is asked, not another one on 4010.
  const upstreamsPort = process.env['UPSTREAMS_PORT'];
  const launched = upstreamsPort && !process.env['AUTH_ISSUER'] ? `http://${process.env['HOST'] ?? '127.0.0.1'}:${upstreamsPort}/identity` : undefined;
  const issuer = (values.issuer ?? launched ?? authConfigFromEnv().issuer).replace(/\/$/, '');
  const { url, init } = requestFor(issuer, values);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new CliError(`The issuer at ${issuer} does not answer. Start the stack (npm start) or the simulators (npx tsx upstreams/main.ts).`, 1);
  }
  const body: unknown = await response.json().catch(() => undefined);
  const token = typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : undefined;
  if (!response.ok || typeof token !== 'string') {
    throw new CliError(`The issuer refused (${response.status}): ${JSON.stringify(body)}`, 1);
  }
  process.stdout.write(values.json ? `${JSON.stringify(body, null, 2)}\n` : `${token}\n`);
}

await runMain(async () => {
  try {
    await main();
  } catch (error) {
    const badArgs = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof CliError) && !badArgs) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 2);
  }
});
