import { z } from 'zod';

/** `POST /connexion/oauth2/access_token?realm=/partenaire` success body (upstreams.md §2). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** The token endpoint's HTTP 400 body: `invalid_client`, `invalid_scope`, `unsupported_grant_type`. */
export const tokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
export type TokenError = z.infer<typeof tokenErrorSchema>;
