import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoPath } from '../lib/paths.js';
import { SERVICES, stackEnv } from '../scripts/stack.js';
import { DEFAULT_PORTS } from '../lib/config/defaults.js';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
}

const compose = parse(readFileSync(repoPath('docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  it('runs every service the launcher starts, with the same entry point and port variable', () => {
    for (const service of SERVICES) {
      const described = compose.services[service.name];
      expect(described, `${service.name} is missing from docker-compose.yml`).toBeDefined();
      expect(described?.command?.join(' ')).toContain(service.entry);
      const defaultPort = String(DEFAULT_PORTS[service.portVariable]);
      expect(described?.environment?.[service.portVariable], `${service.name} sets ${service.portVariable}`).toBe(defaultPort);
      // Issue #12: only the gateway is reachable from outside; the simulators from this host only.
      if (service.name === 'gateway') expect(described?.ports).toEqual([`${defaultPort}:${defaultPort}`]);
      else if (service.name === 'upstreams') expect(described?.ports).toEqual([`127.0.0.1:${defaultPort}:${defaultPort}`]);
      else expect(described?.ports, `${service.name} must not be published`).toBeUndefined();
    }
    expect(compose.services['redis']).toBeDefined();
    expect(compose.services['redis']?.ports).toBeUndefined();
  });

  it('wires each service with the variables the launcher sets', () => {
    const launcherVariables = Object.keys(stackEnv(DEFAULT_PORTS));
    const byService: Record<string, string[]> = {
      'caisse-des-depots': ['CDC_API_URL', 'CDC_OPENDATA_URL', 'AUTH_ISSUER'],
      'france-travail': ['FT_API_URL', 'FT_AUTH_URL', 'ANOTEA_URL', 'API_PARTICULIER_URL', 'JOB_SEEKERS_SUBGRAPH_PORT', 'AUTH_ISSUER'],
      'training-catalog': ['CARIF_OREF_URL', 'FRANCE_COMPETENCES_URL', 'CDC_OPENDATA_URL'],
      gateway: ['CDC_SUBGRAPH_URL', 'FT_SUBGRAPH_URL', 'JOB_SEEKERS_SUBGRAPH_URL', 'CATALOG_SUBGRAPH_URL', 'AUTH_ISSUER'],
    };
    for (const [service, variables] of Object.entries(byService)) {
      for (const variable of variables) {
        expect(launcherVariables, `the launcher sets ${variable}`).toContain(variable);
        expect(compose.services[service]?.environment?.[variable], `${service} sets ${variable}`).toBeTruthy();
      }
    }
  });
});

describe('docker-compose.yml subgraph trust (issue #12)', () => {
  it('gives the gateway and every subgraph a signing secret the operator must supply, never a constant', () => {
    for (const name of ['gateway', 'caisse-des-depots', 'france-travail', 'training-catalog']) {
      expect(compose.services[name]?.environment?.['SUBGRAPH_SIGNING_SECRETS'], name).toMatch(/^\$\{SUBGRAPH_SIGNING_SECRETS:\?/);
    }
  });
});
