import { createHash } from 'node:crypto';
import type { GraphQLRequestContext } from '@apollo/server';
import type { GatewayContext } from './context.js';

/**
 * What makes two client operations the same answer, shared by the response cache (public answers,
 * no principal) and the merging of identical operations in flight (keyed with the caller's
 * authorization): the operation name, the document text and the variables in canonical JSON (object
 * keys sorted, so `{a,b}` and `{b,a}` are one). Only queries have a key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function operationKey(context: GraphQLRequestContext<GatewayContext>, principalPart = ''): string | undefined {
  if (context.operation?.operation !== 'query' || context.source === undefined) return undefined;
  return createHash('sha256')
    .update(principalPart)
    .update('\n')
    .update(context.request.operationName ?? '')
    .update('\n')
    .update(context.source)
    .update('\n')
    .update(canonicalJson(context.request.variables ?? {}))
    .digest('base64url');
}
