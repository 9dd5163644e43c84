import type { IncomingMessage } from 'node:http';
import { AppError, ErrorCode } from '../../../lib/errors/index.js';

/**
 * Apollo Server's CSRF prevention rule (`csrfPrevention: true`, @apollo/server's preventCsrf, not
 * exported), run by the gateway before any token verification or rate-limit work (issue #12
 * item 8): a request a browser could send cross-site without a preflight — no content type, or a
 * "simple" one, and none of the preflight headers — is refused before anything else is spent on
 * it. Apollo still applies the same rule inside; this copy only moves it first.
 */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
export const CSRF_PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

export const CSRF_MESSAGE =
  "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send a content-type other than " +
  `${SIMPLE_CONTENT_TYPES.join(', ')}, or a non-empty ${CSRF_PREFLIGHT_HEADERS.join(' or ')} header.`;

/** The essence of a media type (`type/subtype`, lower case), or undefined when it does not parse. */
function essence(contentType: string): string | undefined {
  const match = /^\s*([^\s/;]+\/[^\s;]+)\s*(?:;|$)/.exec(contentType);
  return match?.[1]?.toLowerCase();
}

export function csrfRefusal(request: IncomingMessage): AppError | undefined {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined) {
    const type = essence(contentType);
    // Apollo lets an unparseable content type through (a browser cannot send one without a preflight).
    if (type === undefined || !SIMPLE_CONTENT_TYPES.includes(type)) return undefined;
  }
  const preflighted = CSRF_PREFLIGHT_HEADERS.some((header) => {
    const value = request.headers[header];
    return typeof value === 'string' ? value.length > 0 : Array.isArray(value) && value.length > 0;
  });
  return preflighted ? undefined : new AppError(ErrorCode.BAD_USER_INPUT, CSRF_MESSAGE);
}
