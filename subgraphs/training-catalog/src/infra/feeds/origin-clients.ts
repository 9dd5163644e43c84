import { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from '../../../../../lib/http/index.js';

/**
 * One lib/http client per (operator, origin), made on first use: the catalogues are read from
 * absolute URLs on several hosts (one per Carif-Oref region; data.gouv.fr's API and its static
 * file host for France Compétences), each with its own pool and breaker.
 */
export interface OriginClients {
  forUrl(operator: string, url: string): { client: UpstreamClient; path: string };
  close(): Promise<void>;
}

export function createOriginClients(options: Omit<UpstreamClientOptions, 'operator' | 'baseUrl'> = {}): OriginClients {
  const clients = new Map<string, UpstreamClient>();
  return {
    forUrl(operator, url) {
      const parsed = new URL(url);
      const key = `${operator} ${parsed.origin}`;
      let client = clients.get(key);
      if (!client) {
        client = createUpstreamClient({ ...options, operator, baseUrl: parsed.origin });
        clients.set(key, client);
      }
      return { client, path: `${parsed.pathname}${parsed.search}` };
    },
    close: async () => {
      await Promise.all([...clients.values()].map((client) => client.close()));
      clients.clear();
    },
  };
}
