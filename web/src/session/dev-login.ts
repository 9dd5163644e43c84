/**
 * Development login: the gateway relays these two calls to the development issuer (a
 * FranceConnect-style login reduced to "I am W000001"). A real deployment replaces this module
 * with its OpenID Connect flow; the rest of the app only needs a bearer token.
 */
import type { Session } from './session';

const BASE: string = import.meta.env['VITE_DEV_LOGIN_URL'] ?? '/app/dev';

export interface DemoWorker {
  id: string;
  /** Short description, in English (the simulators' directory). */
  label: string;
  why: string;
}

export async function fetchDemoWorkers(signal?: AbortSignal): Promise<DemoWorker[]> {
  const response = await fetch(`${BASE}/workers`, { signal: signal ?? null });
  if (!response.ok) throw new Error(`annuaire des comptes de démonstration : HTTP ${response.status}`);
  const body = (await response.json()) as { workers?: DemoWorker[] };
  return body.workers ?? [];
}

export async function devLogin(workerId: string): Promise<Session> {
  const response = await fetch(`${BASE}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workerId }),
  });
  if (!response.ok) throw new Error(`connexion refusée : HTTP ${response.status}`);
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  if (typeof body.access_token !== 'string') throw new Error('connexion : réponse sans jeton');
  return { token: body.access_token, workerId, expiresAt: Date.now() + (body.expires_in ?? 900) * 1000 };
}
