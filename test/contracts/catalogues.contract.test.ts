import { gzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamClient } from '../../lib/http/index.js';
import { createMcfCatalogueRepository } from '../../subgraphs/caisse-des-depots/src/infra/mcf-catalogue.repository.js';
import { createOriginClients, type OriginClients } from '../../subgraphs/training-catalog/src/infra/feeds/origin-clients.js';
import { mapExport } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.mapper.js';
import { readFranceCompetencesExport } from '../../subgraphs/training-catalog/src/infra/france-competences/france-competences.repository.js';
import { readCarifOrefFeed } from '../../subgraphs/training-catalog/src/infra/lheo/carif-oref.repository.js';
import { mapFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.mapper.js';
import type { LheoFormation } from '../../subgraphs/training-catalog/src/infra/lheo/lheo.response.js';
import { mapEligibility } from '../../subgraphs/training-catalog/src/infra/mcf/mcf.mapper.js';
import { readMcfCatalogue } from '../../subgraphs/training-catalog/src/infra/mcf/mcf.repository.js';
import { coverage, payloadBytes, payloadFiles, payloadJson } from './payloads.js';

/**
 * Contract tests (issue #13) for the catalogues: the three real LHEO files, the real France
 * Compétences zip and the MCF examples go through the readers over HTTP (MockAgent), each in a
 * shape the real hosts use (plain, gzip, zip; data.gouv.fr's dataset API), and the mapped values
 * are asserted — the Intercarif session dates included. Latin-1 copies check decoding by declaration.
 */
const covered = coverage();
let http: OriginClients | undefined;
afterEach(async () => http?.close());

function hosts(routes: Record<string, { body: Buffer | string; type: string }>): OriginClients {
  const agent = new MockAgent();
  agent.disableNetConnect();
  for (const [url, answer] of Object.entries(routes)) {
    const parsed = new URL(url);
    agent.get(parsed.origin).intercept({ path: `${parsed.pathname}${parsed.search}`, method: 'GET' }).reply(200, answer.body, { headers: { 'content-type': answer.type } }).persist();
  }
  http = createOriginClients({ dispatcher: agent });
  return http;
}

async function readFeeds(routes: Record<string, { body: Buffer | string; type: string }>): Promise<LheoFormation[]> {
  const formations: LheoFormation[] = [];
  for await (const formation of readCarifOrefFeed(hosts(routes), Object.keys(routes), { pages: 0, pagesFailed: 0 })) formations.push(formation);
  return formations;
}

const INTERCARIF = 'carif-oref-lheo/real-trefle-intercarif-formation.xml';

describe('Carif-Oref LHEO feeds (real files)', () => {
  it('reads the three real files served plain, gzipped and zipped; the Intercarif session keeps its own periode', async () => {
    const formations = await readFeeds({
      'http://etoile.test/lheo/offres.xml': { body: payloadBytes(covered.use(INTERCARIF)), type: 'application/xml' },
      'http://onisep.test/flux/lheo.xml.gz': { body: Buffer.from(gzipSync(payloadBytes(covered.use('carif-oref-lheo/real-lheo-schema-exemple-bts-onisep.xml')))), type: 'application/octet-stream' },
      'http://trefle.test/export.zip': { body: Buffer.from(zipSync({ 'offres/formations.xml': payloadBytes(covered.use('carif-oref-lheo/real-trefle-intercarif-wrong_code_financeur_16.xml')), 'LISEZMOI.txt': Buffer.from('notice') })), type: 'application/zip' },
    });
    const trainings = formations.map(mapFormation).map((mapped) => (mapped.ok ? mapped.training : mapped.reason));
    expect(trainings).toMatchObject([
      {
        id: '07_10',
        title: 'Titre professionnel plaquiste',
        certificationCode: 'RNCP320',
        certifInfo: '80735',
        formacodes: ['22403', '22402'],
        romeCodes: ['F1604'],
        provider: { siret: '82422814200660', name: "DRAFPA d'Olivet", location: { label: 'Olivet', postalCode: '45160' } },
        // The session's own <periode>, not the <periode-inscription><periode> that follows it.
        sessions: [
          { id: '123324', start: '2017-10-30', end: '2018-06-01', place: { label: 'Veigné', communeCode: '37266' } },
          { id: '114782', start: '2017-12-04', end: '2018-06-01' },
        ],
      },
      { id: '9436_18706', title: 'BTS négociation et relation client', certificationCode: 'RNCP474', provider: { siret: '19290076900014', name: 'Lycée Kerneuzec' }, sessions: [{ start: '2015-09-01', end: '2017-08-31' }], romeCodes: ['D1402', 'D1403', 'D1408'] },
      { id: '04_A815385', title: "Découvrir l'activité de paysan-boulanger - Pain au levain au feu de bois - 100598", certificationCode: null, durationHours: 40, sessions: [{ id: '74056', start: '2018-02-27', end: '2018-10-19', place: { label: 'La Perrière' } }] },
    ]);
    expect(covered.missing('carif-oref-lheo')).toEqual([]);
  });

  it.each([
    ['ISO-8859-1', 'iso-8859-1'],
    ['windows-1252', 'windows-1252'],
  ])('decodes a feed declared %s by its declaration (Veigné stays Veigné)', async (label, encoding) => {
    const xml = payloadBytes(INTERCARIF).toString('utf8').replace('encoding="utf-8"', `encoding="${label}"`);
    const formations = await readFeeds({ 'http://latin.test/offres.xml.gz': { body: Buffer.from(gzipSync(iconv.encode(xml, encoding))), type: 'application/gzip' } });
    const mapped = mapFormation(formations[0] as LheoFormation);
    expect(mapped.ok && mapped.training.sessions[0]?.place?.label).toBe('Veigné');
    expect(mapped.ok && mapped.training.provider.name).toBe("DRAFPA d'Olivet");
  });

  it('decodes a plain feed by its Content-Type charset when the declaration says nothing', async () => {
    const xml = payloadBytes(INTERCARIF).toString('utf8').replace('<?xml version="1.0" encoding="utf-8"?>', '');
    const formations = await readFeeds({ 'http://latin.test/offres.xml': { body: iconv.encode(xml, 'latin1'), type: 'text/xml; charset=ISO-8859-1' } });
    const mapped = mapFormation(formations[0] as LheoFormation);
    expect(mapped.ok && mapped.training.sessions[0]?.place?.label).toBe('Veigné');
  });
});

describe('France Compétences export (the real zip, through data.gouv.fr’s dataset API)', () => {
  const dataset = (zipUrl: string) => ({
    body: JSON.stringify({ id: '5eebbc067a14b6fecc9c9976', resources: [{ url: 'http://static.test/old.zip', format: 'zip', last_modified: '2024-01-01T00:00:00+00:00' }, { url: zipUrl, format: 'zip', last_modified: '2024-02-22T00:00:00+00:00' }, { title: 'sans url' }] }),
    type: 'application/json',
  });

  it('picks the latest zip resource and streams its ten CSVs out of it', async () => {
    const api = 'http://data.test/api/1/datasets/5eebbc067a14b6fecc9c9976/';
    const client = hosts({ [api]: dataset('http://static.test/export-fiches-csv-2024-02-22.zip'), 'http://static.test/export-fiches-csv-2024-02-22.zip': { body: payloadBytes(covered.use('france-competences/real-api-apprentissage-sample.zip')), type: 'application/octet-stream' } });
    const download = await readFranceCompetencesExport(client, api);
    expect(download.resource).toBe('http://static.test/export-fiches-csv-2024-02-22.zip');
    expect(download.rejectedRows).toBe(0);
    const { certifications } = mapExport(download.files);
    expect(certifications.map((certification) => certification.code)).toEqual(['RNCP509', 'RNCP1197', 'RNCP4049', 'RNCP22094', 'RNCP28155', 'RNCP30271', 'RS5000', 'RNCP19468', 'RS6117']);
    expect(certifications[0]).toMatchObject({ title: "Agent vérificateur d'appareils extincteurs", level: 3, active: false, endDate: '2023-08-31', certifiers: [{ siret: '11004301500012' }], romeCodes: ['I1203'], formacodes: ['42872'] });
  });

  it('reads the same CSVs unzipped (the folder copy) and in windows-1252 inside a zip', async () => {
    const folder = 'france-competences/real-api-apprentissage-sample';
    covered.use(folder);
    const files = Object.fromEntries(payloadFiles(folder).map((name) => [`export_fiches_CSV_${name.replace(/\.csv$/, '')}_2024_02_22.csv`, iconv.encode(payloadBytes(`${folder}/${name}`).toString('utf8'), 'windows-1252')]));
    const api = 'http://data.test/api/1/datasets/5eebbc067a14b6fecc9c9976/';
    const client = hosts({ [api]: dataset('http://static.test/latin.zip'), 'http://static.test/latin.zip': { body: Buffer.from(zipSync(files)), type: 'application/zip' } });
    const { certifications } = mapExport((await readFranceCompetencesExport(client, api)).files);
    expect(certifications).toHaveLength(9);
    expect(certifications[0]?.title).toBe("Agent vérificateur d'appareils extincteurs");
    expect(covered.missing('france-competences')).toEqual([]);
  });
});

describe('Mon Compte Formation open data', () => {
  it('streams the export as JSON Lines into eligibility keys (training-catalog)', async () => {
    const rows = payloadJson(covered.use('mcf-opendata/project-doc-export.json')) as unknown[];
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://ods.test').intercept({ path: (path) => path.includes('/exports/jsonl'), method: 'GET' }).reply(200, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n{"truncated": \n`, { headers: { 'content-type': 'application/jsonl' } });
    const read = await readMcfCatalogue(createUpstreamClient({ operator: 'opendata-cdc', baseUrl: 'http://ods.test', dispatcher: agent }));
    expect(read.dropped).toEqual(['malformed_line']);
    const eligibility = mapEligibility(read.rows);
    expect([...eligibility.keys]).toEqual(['48276116000019|RNCP37873']);
    expect(eligibility.certifInfo.get('RNCP37873')).toBe('110920');
  });

  it('reads the records answer into a listed pair (caisse-des-depots)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://ods.test').intercept({ path: (path) => path.includes('/records'), method: 'GET' }).reply(200, JSON.stringify(payloadJson(covered.use('mcf-opendata/project-doc-records.json'))), { headers: { 'content-type': 'application/json' } });
    const cache = { fetchMany: async (_kind: 'catalogue', keys: readonly string[], load: (missing: string[]) => Promise<ReadonlyMap<string, boolean>>) => new Map(await load([...keys])) };
    const repository = createMcfCatalogueRepository({ http: createUpstreamClient({ operator: 'mon-compte-formation', baseUrl: 'http://ods.test', dispatcher: agent }), cache });
    expect(await repository.listed(['48276116000019|RNCP37873', '48276116000019|RS5000'])).toEqual(new Map([['48276116000019|RNCP37873', true], ['48276116000019|RS5000', false]]));
    expect(covered.missing('mcf-opendata')).toEqual([]);
  });
});
