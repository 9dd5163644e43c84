import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MCF_COLUMNS, MCF_EXPORT_JSON_PATH, MCF_RECORDS_PATH, mcfExportResponseSchema, mcfRecordsResponseSchema, mcfRowSchema, odsErrorSchema } from '../../lib/contracts/mcf.response.js';
import { buildTrainings } from '../data/trainings.js';
import { createSimulator } from '../server.js';

describe('Opendatasoft MCF catalogue simulator (contract: lib/contracts/mcf.response.ts)', () => {
  let app: FastifyInstance;
  let records: (query: Record<string, string>) => Promise<{ status: number; body: unknown }>;
  beforeAll(async () => {
    ({ app } = await createSimulator({ publicUrl: 'http://127.0.0.1:1' }));
    records = async (query) => {
      const response = await app.inject({ url: `/opendata-cdc${MCF_RECORDS_PATH}`, query });
      return { status: response.statusCode, body: response.json() };
    };
  });

  it('serves one full row per CPF-eligible training, every column present', async () => {
    const { status, body } = await records({ limit: '100' });
    expect(status).toBe(200);
    const parsed = mcfRecordsResponseSchema.parse(body);
    expect(parsed.total_count).toBe(buildTrainings((await import('../data/world.js')).buildWorld()).filter((training) => training.cpfEligible).length);
    for (const row of parsed.results) {
      expect(Object.keys(row)).toEqual(MCF_COLUMNS);
      mcfRowSchema.parse(row);
    }
  });

  it('filters with ODSQL (=, AND, OR, parentheses, IN, search) and selects, orders and pages', async () => {
    const raw = (await records({ limit: '1', select: 'siret,code_rncp,numero_formation' })).body as { results: Record<string, unknown>[] };
    expect(Object.keys(raw.results[0] ?? {})).toEqual(['siret', 'code_rncp', 'numero_formation']);
    const first = mcfRecordsResponseSchema.parse(raw).results[0];
    const where = `siret="${first?.siret}" AND (code_rncp="${first?.code_rncp}" OR code_inventaire="0")`;
    const pinned = mcfRecordsResponseSchema.parse((await records({ where, select: 'numero_formation' })).body);
    expect(pinned.results.map((row) => row.numero_formation)).toContain(first?.numero_formation);
    const listed = mcfRecordsResponseSchema.parse((await records({ where: `numero_formation IN ("${first?.numero_formation}", "nope")` })).body);
    expect(listed.total_count).toBe(1);
    const searched = mcfRecordsResponseSchema.parse((await records({ where: 'search(intitule_formation, "TITRE")', order_by: 'frais_ttc_tot_mean desc', limit: '20', select: 'intitule_formation,frais_ttc_tot_mean' })).body);
    expect(searched.results.every((row) => /titre/i.test(row.intitule_formation ?? ''))).toBe(true);
    const prices = searched.results.map((row) => row.frais_ttc_tot_mean ?? 0);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const page1 = mcfRecordsResponseSchema.parse((await records({ limit: '5', offset: '5', select: 'numero_formation' })).body);
    const both = mcfRecordsResponseSchema.parse((await records({ limit: '10', select: 'numero_formation' })).body);
    expect(page1.results).toEqual(both.results.slice(5));
  });

  it.each([
    [{ where: 'code_rncp=="1"' }, 'ODSQLError'],
    [{ where: 'unknown_field="1"' }, 'ODSQLError'],
    [{ where: 'code_rncp LIKE "1%"' }, 'ODSQLError'],
    [{ select: 'count(*)' }, 'ODSQLError'],
    [{ limit: '101' }, 'InvalidRESTParameterError'],
    [{ limit: '100', offset: '9950' }, 'InvalidRESTParameterError'],
  ])('answers %o with 400 %s', async (query, code) => {
    const { status, body } = await records(query);
    expect(status).toBe(400);
    expect(odsErrorSchema.parse(body).error_code).toBe(code);
  });

  it('exports every matching row as a JSON array', async () => {
    const response = await app.inject({ url: `/opendata-cdc${MCF_EXPORT_JSON_PATH}`, query: { select: 'siret,code_rncp,code_inventaire,type_referentiel', limit: '-1' } });
    const rows = mcfExportResponseSchema.parse(response.json()).items;
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.every((row) => (row.type_referentiel === 'RS' ? /^\d+$/.test(row.code_inventaire ?? '') : /^\d+$/.test(row.code_rncp ?? '')))).toBe(true);
  });
});
