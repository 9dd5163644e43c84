import { readdirSync, readFileSync } from 'node:fs';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoPath } from '../lib/paths.js';
import { SERVICES } from '../scripts/stack.js';

/**
 * deploy/ (issue #16 point 5): every manifest is valid against the Kubernetes OpenAPI schemas
 * (kubernetes-models' validators, bundled: nothing is downloaded at run time), and every service
 * has its probes, resources, a PodDisruptionBudget and secrets by reference only.
 */
const VALIDATORS: Record<string, (object: never) => { validate(): void }> = {
  'apps/v1/Deployment': (object) => new Deployment(object),
  'v1/Service': (object) => new Service(object),
  'v1/ConfigMap': (object) => new ConfigMap(object),
  'policy/v1/PodDisruptionBudget': (object) => new PodDisruptionBudget(object),
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
}

const manifests: Manifest[] = readdirSync(repoPath('deploy'))
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) => parseAllDocuments(readFileSync(repoPath('deploy', file), 'utf8')).map((document) => ({ file, ...(document.toJS() as Omit<Manifest, 'file'>) })));

const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment') as unknown as Array<Deployment & { file: string }>;

describe('deploy/ Kubernetes manifests', () => {
  it.each(manifests.map((manifest) => [`${manifest.file} ${manifest.kind}/${manifest.metadata.name}`, manifest] as const))('%s is valid against its schema', (_, manifest) => {
    const make = VALIDATORS[`${manifest.apiVersion}/${manifest.kind}`];
    expect(make, `no validator for ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
    const { file: _file, ...object } = manifest;
    expect(() => make?.(object as never).validate()).not.toThrow();
  });

  it('rejects a manifest the schema forbids (the validator is not a no-op)', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } };
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('deploys every service npm start runs except the simulators, with probes, resources and a disruption budget', () => {
    expect(deployments.map((deployment) => deployment.metadata?.name).sort()).toEqual(SERVICES.filter((service) => service.name !== 'upstreams').map((service) => service.name).sort());
    for (const deployment of deployments) {
      const container = deployment.spec?.template.spec?.containers[0];
      expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(container?.resources?.requests?.['memory']).toBeDefined();
      expect(container?.resources?.limits?.['memory']).toBeDefined();
      expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
      const budget = manifests.find((manifest) => manifest.kind === 'PodDisruptionBudget' && manifest.metadata.name === deployment.metadata?.name);
      expect(budget?.spec?.['minAvailable']).toBe(1);
    }
  });

  it('serves metrics on their own container port, which no Service exposes (issue #12)', () => {
    for (const deployment of deployments) {
      const ports = deployment.spec?.template.spec?.containers[0]?.ports ?? [];
      // france-travail serves the job-seekers subgraph on a second port of its own.
      const expected = deployment.metadata?.name === 'france-travail' ? ['http', 'job-seekers', 'metrics'] : ['http', 'metrics'];
      expect(ports.map((port) => port.name), deployment.metadata?.name).toEqual(expected);
    }
    const services = manifests.filter((manifest) => manifest.kind === 'Service') as unknown as Service[];
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      expect(service.spec?.ports?.map((port) => port.targetPort), service.metadata?.name).toEqual([service.metadata?.name === 'job-seekers' ? 'job-seekers' : 'http']);
    }
  });

  it('references secrets and never writes one', () => {
    for (const deployment of deployments) {
      for (const variable of deployment.spec?.template.spec?.containers[0]?.env ?? []) {
        if (/SECRET|PASSWORD|CLIENT_ID/.test(variable.name)) {
          expect(variable.value, `${deployment.metadata?.name} ${variable.name}`).toBeUndefined();
          expect(variable.valueFrom?.secretKeyRef?.name).toBe('cpa-graph-secrets');
        }
      }
    }
    const config = manifests.find((manifest) => manifest.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(Object.keys(config.data).filter((name) => /SECRET|PASSWORD/.test(name))).toEqual([]);
  });
});
