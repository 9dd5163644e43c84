import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../../../lib/paths.js';
import { mapFormation } from './lheo.mapper.js';
import { LheoSyntaxError, parseLheo } from './lheo.parser.js';
import type { LheoFormation } from './lheo.response.js';

const EXAMPLE = repoPath('data', 'reference', 'lheo-example.xml');

async function collect(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<LheoFormation[]> {
  const out: LheoFormation[] = [];
  for await (const formation of parseLheo(source)) out.push(formation);
  return out;
}

const wrap = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><lheo xmlns="http://www.lheo.org/2.2"><offres>${body}</offres></lheo>`;

/** A minimal valid formation; `parts` replace its pieces to break it. */
function aFormation(parts: { numero?: string; title?: string | null; siret?: string; debut?: string; price?: string } = {}): string {
  const title = parts.title === null ? '' : `<intitule-formation>${parts.title ?? 'Soudure TIG'}</intitule-formation>`;
  return `<formation numero="${parts.numero ?? 'X1'}"><domaine-formation><code-FORMACODE tag="principal">22454</code-FORMACODE></domaine-formation>${title}
    <action numero="A1"><modalites-enseignement>2</modalites-enseignement>
    <lieu-de-formation><coordonnees><adresse><ligne>1 rue A</ligne><codepostal>29000</codepostal><ville>QUIMPER</ville><code-INSEE-commune>29232</code-INSEE-commune></adresse></coordonnees></lieu-de-formation>
    <session numero="S1"><periode><debut>${parts.debut ?? '20270300'}</debut><fin>00000000</fin></periode></session>
    <prix-total-TTC>${parts.price ?? '1234,5'}</prix-total-TTC><nombre-heures-total>70</nombre-heures-total></action>
    <organisme-formation-responsable><numero-activite>53290000029</numero-activite><SIRET-organisme-formation><SIRET>${parts.siret ?? '19290076900014'}</SIRET></SIRET-organisme-formation><nom-organisme>GRETA</nom-organisme></organisme-formation-responsable></formation>`;
}

describe('parseLheo on the real LHEO example (BTS NRC, ONISEP)', () => {
  it('extracts the formation, its codes, action, session, place and provider', async () => {
    const [formation, ...rest] = await collect(createReadStream(EXAMPLE, { highWaterMark: 256 }));
    expect(rest).toHaveLength(0);
    expect(formation).toMatchObject({
      numero: '9436_18706',
      codesFormacode: ['34582', '34076'],
      codesRome: ['D1402', 'D1403', 'D1408'],
      codesNsf: ['312'],
      intituleFormation: 'BTS négociation et relation client',
      certifications: [{ codeRNCP: '474', codeCERTIFINFO: '19004' }],
      organisme: { siret: '19290076900014', nomOrganisme: 'Lycée Kerneuzec', numeroActivite: '99999999999' },
    });
    expect(formation?.actions[0]?.sessions).toEqual([{ numero: '9436_18706', debut: '20150901', fin: '20170831' }]);
  });

  it('maps it to a training with plain-text objective, ISO dates and a located place', async () => {
    const [formation] = await collect([readFileSync(EXAMPLE, 'utf8')]);
    const mapped = mapFormation(formation as LheoFormation);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const training = mapped.training;
    expect(training).toMatchObject({
      id: '9436_18706',
      certificationCode: 'RNCP474',
      certifInfo: '19004',
      formacodes: ['34582', '34076'],
      modality: 'IN_PERSON',
      priceCents: null,
      provider: { siret: '19290076900014', name: 'Lycée Kerneuzec' },
      location: { label: 'Quimperlé', communeCode: '29233', postalCode: '29391', departmentCode: '29', latitude: 47.882108, longitude: -3.5526545 },
    });
    expect(training.objective).toMatch(/^A la fois vendeur, manager et commercial/);
    expect(training.objective).not.toContain('<');
    expect(training.sessions).toEqual([expect.objectContaining({ start: '2015-09-01', end: '2017-08-31' })]);
  });

  it('gives the same records whatever the chunk boundaries (multi-byte characters split)', async () => {
    const bytes = readFileSync(EXAMPLE);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) => bytes.subarray(index * 7, index * 7 + 7));
    expect(await collect(chunks)).toEqual(await collect([bytes.toString('utf8')]));
  });
});

describe('kind of CPF action (#11): certification code first, else LHEO code-CPF', () => {
  const withCertification = (certification: string) => aFormation().replace('<action numero="A1">', `${certification}<action numero="A1">`);
  it.each([
    { case: 'an RNCP code', xml: '<certification><code-RNCP>474</code-RNCP></certification>', actionType: 'RNCP_CERTIFICATION' },
    { case: 'an RS code, a code-CPF beside it ignored', xml: '<certification><code-RS>5000</code-RS><code-CPF>202</code-CPF></certification>', actionType: 'RS_CERTIFICATION' },
    { case: 'code-CPF 202: bilan de compétences', xml: '<certification><code-CPF>202</code-CPF></certification>', actionType: 'SKILLS_ASSESSMENT' },
    { case: 'code-CPF 203: permis B', xml: '<certification><code-CPF> 203 </code-CPF></certification>', actionType: 'DRIVING_LICENCE' },
    { case: 'code-CPF 200: VAE', xml: '<certification><code-CPF>200</code-CPF></certification>', actionType: 'VAE' },
    { case: 'an unknown code-CPF', xml: '<certification><code-CPF>99999</code-CPF></certification>', actionType: 'OTHER' },
    { case: 'no certification at all', xml: '', actionType: 'OTHER' },
  ])('$case → $actionType', async ({ xml, actionType }) => {
    const [formation] = await collect([wrap(withCertification(xml))]);
    expect(formation && mapFormation(formation)).toMatchObject({ ok: true, training: { actionType } });
  });
});

describe('malformed records and documents', () => {
  it('reads partial dates, comma prices and the remote modality', async () => {
    const [formation] = await collect([wrap(aFormation())]);
    const mapped = mapFormation(formation as LheoFormation);
    expect(mapped).toMatchObject({ ok: true, training: { priceCents: 123450, modality: 'REMOTE', durationHours: 70, sessions: [{ start: '2027-03-01', end: null }] } });
  });

  it.each([
    ['BAD_DATE', { debut: '20271345' }],
    ['BAD_DATE', { debut: '2027-03-01' }],
    ['BAD_SIRET', { siret: '19290076900015' }],
    ['MISSING_TITLE', { title: null }],
    ['BAD_PRICE', { price: 'sur devis' }],
  ] as const)('rejects a record with %s and keeps its neighbours', async (reason, parts) => {
    const formations = await collect([wrap(aFormation({ numero: 'OK1' }) + aFormation({ numero: 'BAD', ...parts }) + aFormation({ numero: 'OK2' }))]);
    expect(formations.map(mapFormation).map((mapped) => (mapped.ok ? mapped.training.id : `${mapped.id}:${mapped.reason}`))).toEqual(['OK1', `BAD:${reason}`, 'OK2']);
  });

  it('emits the records before a syntax error, then fails with LheoSyntaxError', async () => {
    const broken = wrap(aFormation({ numero: 'OK1' })).replace('</offres></lheo>', '<formation numero="CUT"><intitule-formation>Soudure</formation>');
    const seen: string[] = [];
    await expect(async () => {
      for await (const formation of parseLheo([broken])) seen.push(formation.numero);
    }).rejects.toBeInstanceOf(LheoSyntaxError);
    expect(seen).toEqual(['OK1']);
  });
});
