import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mapExport, type FcExport } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.mapper.js';
import { kindOfFileName, parseFcFile } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.parser.js';
import { fcIndexSchema, type FcFileKind } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.response.js';
import { createSimulator } from '../server.js';

describe('France Compétences export simulator (contract: read with the subgraph parser)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
  });

  it('lists the ten files and serves them with the export quirks', async () => {
    const index = fcIndexSchema.parse((await app.inject({ url: '/france-competences/exports/index.json' })).json());
    expect(index.files).toHaveLength(10);
    const files = {} as Record<FcFileKind, unknown[]>;
    for (const file of index.files) {
      const response = await app.inject({ url: `/france-competences${file.path}` });
      expect(response.statusCode, file.name).toBe(200);
      expect(response.body.endsWith('\r\n')).toBe(true);
      expect(response.body.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
      const kind = kindOfFileName(file.name);
      if (!kind) throw new Error(`unrecognised ${file.name}`);
      const parsed = parseFcFile(kind, response.body);
      expect(parsed.rejected, file.name).toBe(0);
      files[kind] = parsed.rows;
      if (kind === 'certificateurs') expect(response.body).toContain('"RNCP509";"\t11004301500012"');
      if (kind === 'rome') expect(response.body).toContain("d''affaires");
    }
    const { certifications, rejected } = mapExport(files as FcExport);
    expect(rejected).toBe(0);
    expect(certifications).toHaveLength(1009);
    expect(certifications.filter((certification) => certification.kind === 'RS').length).toBe(252);
    expect(certifications.every((certification) => certification.romeCodes.length > 0 || certification.code.startsWith('RNCP1') || ['RNCP509', 'RS5000', 'RNCP30271', 'RS6117', 'RNCP19468'].includes(certification.code))).toBe(true);
  });

  it('answers an unknown file with 404', async () => {
    expect((await app.inject({ url: '/france-competences/exports/nope.csv' })).statusCode).toBe(404);
  });
});
