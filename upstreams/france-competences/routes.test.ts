import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { mapExport, type FcExport } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.mapper.js';
import { kindOfFileName, parseFcFile } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.parser.js';
import { fcDatasetSchema, latestZip, type FcFileKind } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.response.js';
import { createSimulator } from '../server.js';

describe('France Compétences export simulator (contract: read with the subgraph parser)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  });

  it('lists the resources like data.gouv.fr and serves the latest zip of ten CSVs with the export quirks', async () => {
    const dataset = fcDatasetSchema.parse((await app.inject({ url: '/france-competences/api/1/datasets/5eebbc067a14b6fecc9c9976/', headers: { host: 'fc.test' } })).json());
    const zip = latestZip(dataset.resources.items);
    expect(zip?.url).toBe('http://fc.test/france-competences/static/export-fiches-csv-2026-11-02.zip');
    const response = await app.inject({ url: new URL(zip?.url ?? '').pathname });
    expect(response.statusCode).toBe(200);
    const entries = unzipSync(response.rawPayload);
    expect(Object.keys(entries)).toHaveLength(10);
    const files = {} as Record<FcFileKind, unknown[]>;
    for (const [name, bytes] of Object.entries(entries)) {
      const body = Buffer.from(bytes).toString('utf8');
      expect(body.endsWith('\r\n')).toBe(true);
      const kind = kindOfFileName(name);
      if (!kind) throw new Error(`unrecognised ${name}`);
      const parsed = parseFcFile(kind, body);
      expect(parsed.rejected, name).toBe(0);
      files[kind] = parsed.rows;
      if (kind === 'certificateurs') expect(body).toContain('"RNCP509";"\t11004301500012"');
      if (kind === 'rome') expect(body).toContain("d''affaires");
    }
    const { certifications, rejected } = mapExport(files as FcExport);
    expect(rejected).toBe(0);
    expect(certifications).toHaveLength(1009);
    expect(certifications.filter((certification) => certification.kind === 'RS').length).toBe(252);
  });

  it('answers an unknown file with 404', async () => {
    expect((await app.inject({ url: '/france-competences/static/export-fiches-csv-2026-10-01.zip' })).statusCode).toBe(404);
  });
});
