import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../../../lib/paths.js';
import { mapExport, romeLabel, siret, type FcExport } from './france-competences.mapper.js';
import { kindOfFileName, parseFcFile } from './france-competences.parser.js';
import type { FcFileKind } from './france-competences.response.js';

const SAMPLE = repoPath('data', 'reference', 'france-competences-sample');

function readSample(): FcExport {
  const files = {} as Record<FcFileKind, unknown[]>;
  for (const name of readdirSync(SAMPLE)) {
    const kind = kindOfFileName(name);
    if (!kind) throw new Error(`unexpected file ${name}`);
    const parsed = parseFcFile(kind, readFileSync(`${SAMPLE}/${name}`, 'utf8'));
    expect(parsed.rejected, name).toBe(0);
    files[kind] = parsed.rows;
  }
  return files as FcExport;
}

describe('France Compétences export (real sample 2024-02-22)', () => {
  it('recognises the ten files, accented names included', () => {
    const kinds = readdirSync(SAMPLE).map(kindOfFileName);
    expect(new Set(kinds).size).toBe(10);
    expect(kindOfFileName('export_fiches_CSV_Blocs_De_CompÃ©tences_2024_02_22.csv')).toBe('blocs');
    expect(kindOfFileName('export_fiches_CSV_VoixdAccÃ¨s_2024_02_22.csv')).toBe('voiesAcces');
  });

  it('joins the files on Numero_Fiche, with the quirks undone', () => {
    const { certifications, rejected } = mapExport(readSample());
    expect(rejected).toBe(0);
    expect(certifications.map((certification) => certification.code)).toEqual(['RNCP509', 'RNCP1197', 'RNCP4049', 'RNCP22094', 'RNCP28155', 'RNCP30271', 'RS5000', 'RNCP19468', 'RS6117']);
    const cap = certifications.find((certification) => certification.code === 'RNCP509');
    expect(cap).toMatchObject({
      kind: 'RNCP',
      title: "Agent vérificateur d'appareils extincteurs",
      level: 3,
      active: false,
      endDate: '2023-08-31',
      certifiers: [{ siret: '11004301500012', name: "MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE" }],
      romeCodes: ['I1203'],
      formacodes: ['42872'],
    });
    expect(cap?.skillBlocks).toHaveLength(6);
    expect(certifications.find((certification) => certification.code === 'RS5000')).toMatchObject({ kind: 'RS', level: null, active: true, formacodes: ['31004'] });
    expect(certifications.find((certification) => certification.code === 'RNCP19468')?.level).toBeNull();
    expect(certifications.find((certification) => certification.code === 'RS6117')?.certifiers).toHaveLength(2);
  });

  it('strips the TAB before SIRETs and undoubles apostrophes', () => {
    expect(siret('\t11004301500012')).toBe('11004301500012');
    expect(siret('\t123')).toBeNull();
    expect(romeLabel("Management et ingénierie d''affaires")).toBe("Management et ingénierie d'affaires");
  });

  it('skips a row without its join key, keeps a row missing other cells, never failing the file', () => {
    const text = '"Numero_Fiche";"Codes_Rome_Code";"Codes_Rome_Libelle"\r\n"RNCP1";"M1805";"Études"\r\n"RNCP2"\r\n;"M1805";"x"\r\n';
    const parsed = parseFcFile('rome', text);
    expect(parsed.rows).toEqual([
      { Numero_Fiche: 'RNCP1', Codes_Rome_Code: 'M1805', Codes_Rome_Libelle: 'Études' },
      { Numero_Fiche: 'RNCP2', Codes_Rome_Code: '', Codes_Rome_Libelle: '' },
    ]);
    expect(parsed.reasons).toEqual(['missing_Numero_Fiche']);
  });
});
