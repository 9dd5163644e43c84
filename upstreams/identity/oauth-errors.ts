import type { FastifyReply } from 'fastify';

/** RFC 6749 §5.2 error codes (token endpoint) and RFC 6750 §3.1 (protected resources). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'access_denied';

export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
}

/** Token responses and errors must never be cached by a proxy or browser (RFC 6749 §5.1). */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export function oauthError(reply: FastifyReply, status: number, error: OAuthErrorCode, description: string): FastifyReply {
  return noStore(reply).code(status).send({ error, error_description: description } satisfies OAuthErrorBody);
}
