/**
 * The worker's session: the access token and who it is for, kept in sessionStorage (gone when
 * the tab closes, never in localStorage) and dropped once expired.
 */
export interface Session {
  token: string;
  workerId: string;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
}

const KEY = 'mon-cpa.session';

export function loadSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !(session.expiresAt > now)) throw new Error('expired');
    return session;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
