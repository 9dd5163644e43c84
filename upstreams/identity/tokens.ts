import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_TYPE, CLIENT_ID_CLAIM, KIND_CLAIM, type TokenKind } from '../../lib/auth/claims.js';
import type { KeyStore } from './keys.js';

/** Short-lived on purpose: there is no revocation list for access tokens, only expiry. */
export const ACCESS_TOKEN_TTL_SECONDS = 900;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface TokenIssuer {
  readonly issuer: string;
  readonly audience: string;
  forWorker(workerId: string, scopes: readonly string[]): Promise<TokenResponse>;
  forPartner(clientId: string, scopes: readonly string[]): Promise<TokenResponse>;
}

/** Signs access tokens in the layout `lib/auth/claims.ts` defines (and the verifiers check). */
export function createTokenIssuer(keys: KeyStore, issuer: string, audience: string): TokenIssuer {
  async function sign(kind: TokenKind, subject: string, scopes: readonly string[]): Promise<TokenResponse> {
    const key = keys.current();
    const scope = scopes.join(' ');
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, string> = { scope, [KIND_CLAIM]: kind };
    if (kind === 'partner') claims[CLIENT_ID_CLAIM] = subject;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, scope };
  }
  return {
    issuer,
    audience,
    forWorker: (workerId, scopes) => sign('worker', workerId, scopes),
    forPartner: (clientId, scopes) => sign('partner', clientId, scopes),
  };
}
