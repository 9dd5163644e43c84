import { startInProcessSimulator, type InProcessSimulator } from '../testing.js';

export interface RunningIssuer {
  /** e.g. `http://127.0.0.1:53211` */
  baseUrl: string;
  /** `${baseUrl}/identity`: the `iss` of its tokens. */
  issuer: string;
  /** Calls the simulator counted for `METHOD /identity/route` since start. */
  calls(route: string): number;
  workerToken(workerId: string, scope?: string): Promise<string>;
  partnerToken(clientId: string, secret: string, scope?: string): Promise<string>;
  close(): Promise<void>;
}

/** Test helper: the whole simulator on a free port, `env` visible to its start-up only. */
export async function startIssuer(env: Record<string, string> = {}): Promise<RunningIssuer> {
  // The identity plugin reads its settings with parseEnv at start-up; set them for that moment only.
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  let simulator: InProcessSimulator;
  try {
    simulator = await startInProcessSimulator();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const { baseUrl, context } = simulator;
  const issuer = `${baseUrl}/identity`;

  async function tokenFrom(response: Response): Promise<string> {
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || typeof body.access_token !== 'string') throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  return {
    baseUrl,
    issuer,
    calls: (route) => context.state.calls.get(route) ?? 0,
    workerToken: async (workerId, scope) =>
      tokenFrom(
        await fetch(`${issuer}/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(scope === undefined ? { workerId } : { workerId, scope }),
        }),
      ),
    partnerToken: async (clientId, secret, scope) => {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
      if (scope !== undefined) form.set('scope', scope);
      return tokenFrom(await fetch(`${issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
    },
    close: simulator.close,
  };
}
