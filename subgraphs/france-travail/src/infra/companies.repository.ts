import { countDropped, parseUpstreamJson } from '../../../../lib/http/index.js';
import type { CompanyRepository } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { rejectedByUpstream } from './france-travail.client.js';
import { distinctCompanies, toCompany, toLbbQuery } from './lbb.mapper.js';
import { lbbSearchSchema } from './lbb.response.js';

const OPERATOR = 'france-travail';
const BASE = '/partenaire/labonneboite/v2';
const MAX_PAGE_SIZE = 100;

export function createCompanyRepository(client: FranceTravailClient, cache: FtCache): CompanyRepository {
  async function page(romeCode: string, near: Parameters<CompanyRepository['hiring']>[1], number: number, size: number) {
    const query = toLbbQuery(romeCode, near, number, size);
    return await cache.fetch(
      'catalogue',
      `lbb:${new URLSearchParams(query as Record<string, string>).toString()}`,
      async () => {
        return await client.send({ method: 'GET', path: `${BASE}/recherche`, query }, (response) => {
          if (response.status === 400 || response.status === 404 || response.status === 422) throw rejectedByUpstream(OPERATOR, 'near');
          // A 204 (empty result behind some proxies) is no company.
          if (response.status === 204) return { hits: 0, items: [] };
          const body = parseUpstreamJson(response, lbbSearchSchema, OPERATOR);
          const items = countDropped(OPERATOR, body.items, { endpoint: 'labonneboite/recherche' });
          return { hits: body.hits ?? items.length, items };
        });
      },
      { scope: 'public' },
    );
  }

  return {
    async hiring(romeCode, near, window) {
      // La Bonne Boîte pages by number: an aligned window is one page, any other one is read
      // from the 100-item pages that cover it (at most two, since `first` ≤ 100).
      if (window.limit === 0) {
        const first = await page(romeCode, near, 1, 1);
        return { companies: [], totalCount: first.hits };
      }
      const aligned = window.offset % window.limit === 0;
      const size = aligned ? window.limit : MAX_PAGE_SIZE;
      const firstPage = Math.floor(window.offset / size) + 1;
      const lastPage = Math.floor((window.offset + window.limit - 1) / size) + 1;
      const pages = await Promise.all(Array.from({ length: lastPage - firstPage + 1 }, (_, index) => page(romeCode, near, firstPage + index, size)));
      const skip = window.offset - (firstPage - 1) * size;
      const items = pages.flatMap((body) => body.items).slice(skip, skip + window.limit);
      return { companies: distinctCompanies(items), totalCount: pages[0]?.hits ?? 0 };
    },
    async bySiret(siret) {
      return await cache.fetch(
        'catalogue',
        `lbb-siret:${siret}`,
        async () => {
          return await client.send({ method: 'GET', path: `${BASE}/potentielEmbauche`, query: { siret } }, (response) => {
            if (response.status !== 200) return null;
            const first = countDropped(OPERATOR, parseUpstreamJson(response, lbbSearchSchema, OPERATOR).items, { endpoint: 'labonneboite/potentielEmbauche' })[0];
            return first ? toCompany(first) : null;
          });
        },
        { scope: 'public' },
      );
    },
  };
}
