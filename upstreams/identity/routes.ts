import { createLocalJWKSet } from 'jose';
import { z } from 'zod';
import { createTokenVerifierWithKeys } from '../../lib/auth/verifier.js';
import { PERSONAL_SCOPES } from '../../lib/auth/principal.js';
import { DEFAULT_AUDIENCE, parseEnv } from '../../lib/config/index.js';
import type { OperatorPlugin } from '../operators.js';
import { registerConsentRoutes } from './consent.routes.js';
import { ConsentStore } from './consents.js';
import { registerDevRoutes } from './dev.routes.js';
import { KeyStore } from './keys.js';
import { registerTokenRoute } from './token.routes.js';
import { createTokenIssuer } from './tokens.js';

/**
 * The development OpenID-style issuer, below `/identity`: discovery, JWKS, client-credentials
 * tokens for partners, dev logins for workers, and the workers' consents. Each simulator
 * instance has its own keys and consents (tests do not share state).
 */
export const identityRoutes: OperatorPlugin = async (app, context) => {
  const env = parseEnv({
    IDENTITY_SIGNING_KEY: z.string().min(1).optional(),
    IDENTITY_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
  });
  const issuerUrl = `${context.publicUrl}/identity`;
  const keys = await KeyStore.create(env.IDENTITY_SIGNING_KEY);
  const issuer = createTokenIssuer(keys, issuerUrl, env.IDENTITY_AUDIENCE);
  const consents = new ConsentStore();
  // The issuer checks partner tokens with the same code as the services, against its live key set.
  const verifier = createTokenVerifierWithKeys((header, token) => createLocalJWKSet(keys.jwks())(header, token), {
    issuer: issuerUrl,
    audience: env.IDENTITY_AUDIENCE,
  });

  app.get('/.well-known/openid-configuration', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return {
      issuer: issuerUrl,
      jwks_uri: `${issuerUrl}/jwks.json`,
      token_endpoint: `${issuerUrl}/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: [...PERSONAL_SCOPES],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [...new Set(keys.jwks().keys.map((key) => key.alg))],
      claims_supported: ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'sub', 'scope', 'client_id', 'cpa_kind'],
    };
  });

  app.get('/jwks.json', async (_request, reply) => {
    reply.header('content-type', 'application/jwk-set+json; charset=utf-8').header('cache-control', 'public, max-age=300');
    return keys.jwks();
  });

  registerTokenRoute(app, issuer);
  registerDevRoutes(app, { world: context.world, keys, issuer });
  registerConsentRoutes(app, { world: context.world, consents, verifier });
};
