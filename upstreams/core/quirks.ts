import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import iconv from 'iconv-lite';
import { z } from 'zod';

/**
 * The odd shapes real operators send (issue #13), on demand per operator (`quirks` in the faults
 * admin), so whole-stack tests meet them: `nulls` (every other list item gets its non-essential
 * objects nulled), `missingOptional` (… its non-essential scalars removed), `numbersAsStrings`,
 * `noContent` (GETs answered 204 without body), `htmlErrorPage` (a proxy's 502 HTML page),
 * `latin1` (text bodies re-encoded windows-1252, declared `charset=ISO-8859-1`).
 */
export const QUIRKS = ['nulls', 'missingOptional', 'numbersAsStrings', 'noContent', 'htmlErrorPage', 'latin1'] as const;
export const quirksSchema = z.array(z.enum(QUIRKS)).default([]);
export type Quirk = (typeof QUIRKS)[number];

/** Fields an item is not an item without: never nulled or removed. */
const ESSENTIAL = new Set(['id', 'intitule', 'code', 'libelle', 'siret', 'company_name', 'access_token', 'expires_in', 'codePeriode', 'identifiant', 'global', 'notes', 'data', 'inscription', 'date_debut', 'numero', 'metier', 'competences', 'enjeu']);

function alter(value: unknown, quirks: readonly Quirk[], inItem = false): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const altered = alter(item, quirks, true);
      if (index % 2 === 1 || typeof altered !== 'object' || altered === null || Array.isArray(altered)) return altered;
      const record = altered as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (ESSENTIAL.has(key)) continue;
        const field = record[key];
        if (quirks.includes('nulls') && typeof field === 'object' && field !== null) record[key] = null;
        else if (quirks.includes('missingOptional') && (typeof field !== 'object' || field === null)) delete record[key];
      }
      return record;
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, alter(field, quirks, inItem)]));
  }
  if (typeof value === 'number' && inItem && quirks.includes('numbersAsStrings')) return String(value);
  return value;
}

const HTML_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Registers the quirks: `quirksOf(request)` gives the quirks of the request's operator. */
export function registerQuirks(app: FastifyInstance, quirksOf: (request: FastifyRequest) => readonly Quirk[]): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const quirks = quirksOf(request);
    if (quirks.includes('htmlErrorPage')) return reply.code(502).type('text/html').send(HTML_PAGE);
    if (quirks.includes('noContent') && request.method === 'GET') return reply.code(204).send();
    return undefined;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const quirks = quirksOf(request);
    if (quirks.length === 0 || typeof payload !== 'string' || reply.statusCode >= 300) return payload;
    let body: string = payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.includes('json') && (quirks.includes('nulls') || quirks.includes('missingOptional') || quirks.includes('numbersAsStrings'))) {
      try {
        body = JSON.stringify(alter(JSON.parse(body), quirks));
      } catch {
        // Not JSON after all: sent unchanged.
      }
    }
    if (quirks.includes('latin1') && /json|xml|csv|text/.test(type)) {
      reply.header('content-type', `${type.split(';')[0]}; charset=ISO-8859-1`);
      return iconv.encode(body.replace(/encoding="utf-8"/i, 'encoding="ISO-8859-1"'), 'windows-1252');
    }
    return body;
  });
}
