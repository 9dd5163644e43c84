import { z } from 'zod';
import { lenientText } from '../../../../lib/http/index.js';

/**
 * `POST /connexion/oauth2/access_token?realm=/partenaire` success body (upstreams.md §2).
 * Essential: `access_token` and a positive `expires_in`, which some answers send as a string
 * (`"1499"`); `token_type` is missing from labonnealternance's recorded answer.
 */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: lenientText,
  expires_in: z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]).transform(Number).pipe(z.number().int().positive()),
  scope: lenientText,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** The token endpoint's HTTP 400 body: `invalid_client`, `invalid_scope`, `unsupported_grant_type`. */
export const tokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
export type TokenError = z.infer<typeof tokenErrorSchema>;
