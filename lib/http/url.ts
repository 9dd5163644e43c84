import type { QueryValue } from './options.js';

export interface BaseLocation {
  origin: string;
  /** Path prefix without a trailing slash, possibly empty. */
  prefix: string;
}

export function splitBaseUrl(baseUrl: string): BaseLocation {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Upstream base URL must be http(s): ${url.protocol}`);
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/**
 * Builds the request target. Paths are relative to the base URL on purpose: an absolute URL
 * or a protocol-relative `//host` here would let a caller aim the client at another host.
 */
export function buildTarget(base: BaseLocation, path: string, query?: Readonly<Record<string, QueryValue>>): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('://')) {
    throw new Error(`Upstream path must be relative to the base URL and start with "/": ${path}`);
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.append(name, String(value));
    } else {
      for (const item of value) params.append(name, item);
    }
  }
  // %20 rather than `+` for spaces: strict RFC 3986 servers read `+` literally, form decoders accept both.
  const search = params.toString().replace(/\+/g, '%20');
  const target = `${base.prefix}${path}`;
  if (search === '') return target;
  return `${target}${target.includes('?') ? '&' : '?'}${search}`;
}
