import { describe, expect, it } from 'vitest';
import { CatalogIndex } from './catalog-index.js';
import { aCertification, aPlace, aTraining } from './catalog.fixture.js';

const quimper = aPlace();
const brest = aPlace({ label: 'Brest', communeCode: '29019', postalCode: '29200', latitude: 48.39, longitude: -4.486 });
const paris = aPlace({ label: 'Paris', communeCode: '75056', postalCode: '75001', departmentCode: '75', latitude: 48.8566, longitude: 2.3522 });

const index = new CatalogIndex({
  trainings: [
    aTraining({ id: 'F3', title: 'Électricité du bâtiment', formacodes: ['24054'], location: paris, places: [paris], modality: 'REMOTE' }),
    aTraining({ id: 'F1', title: 'Soudeurs : procédés TIG', formacodes: ['22454'], certificationCode: 'RNCP34126', romeCodes: ['H2913'], cpfEligible: true }),
    aTraining({ id: 'F2', title: 'Soudage MIG', formacodes: ['22452'], location: brest, places: [brest], sessions: [{ id: 'S', start: '2026-01-05', end: null, place: brest }] }),
    aTraining({ id: 'F4', title: 'ELECTRICITE habilitation', formacodes: ['24054'], location: brest, places: [brest, quimper] }),
  ],
  certifications: [aCertification(), aCertification({ code: 'RS5000', kind: 'RS', title: 'Exploiter la blockchain', romeCodes: ['M1805'], level: null })],
  formacodeChildren: new Map([['22400', ['22454', '22452']]]),
});

const ids = (found: { id: string }[]) => found.map((training) => training.id);

describe('CatalogIndex search', () => {
  it('matches keywords accent- and case-insensitively, with plural folding', () => {
    expect(ids(index.searchTrainings({ keywords: 'electricite' }))).toEqual(['F3', 'F4']);
    expect(ids(index.searchTrainings({ keywords: 'ÉLECTRICITÉ Bâtiment' }))).toEqual(['F3']);
    expect(ids(index.searchTrainings({ keywords: 'soudeur' }))).toEqual(['F1']);
    expect(ids(index.searchTrainings({ keywords: 'plomberie' }))).toEqual([]);
  });

  it('expands a broader Formacode to its narrower codes', () => {
    expect(ids(index.searchTrainings({ formacodes: ['22400'] }))).toEqual(['F1', 'F2']);
    expect(ids(index.searchTrainings({ formacodes: ['22452'] }))).toEqual(['F2']);
  });

  it('searches by radius around a commune, nearest first, any site of a training counting', () => {
    const near = { kind: 'commune' as const, code: '29232', latitude: 47.996, longitude: -4.102, radiusKm: 80 };
    expect(ids(index.searchTrainings({ near }))).toEqual(['F1', 'F4', 'F2']);
    expect(ids(index.searchTrainings({ near: { ...near, radiusKm: 10 } }))).toEqual(['F1', 'F4']);
    expect(ids(index.searchTrainings({ near: { ...near, latitude: null, longitude: null } }))).toEqual([]);
    expect(ids(index.searchTrainings({ near: { kind: 'department', code: '75' } }))).toEqual(['F3']);
  });

  it('filters on session start, modality, certification and CPF eligibility', () => {
    expect(ids(index.searchTrainings({ startAfter: '2026-06-01' }))).toEqual(['F1', 'F3', 'F4']);
    expect(ids(index.searchTrainings({ formacodes: ['22400'], startAfter: '2026-06-01' }))).toEqual(['F1']);
    expect(ids(index.searchTrainings({ modality: 'REMOTE' }))).toEqual(['F3']);
    expect(ids(index.searchTrainings({ certificationCode: 'RNCP34126' }))).toEqual(['F1']);
    expect(ids(index.searchTrainings({ cpfEligibleOnly: true, keywords: 'tig' }))).toEqual(['F1']);
  });

  it('orders results stably by id', () => {
    expect(ids(index.searchTrainings({}))).toEqual(['F1', 'F2', 'F3', 'F4']);
  });

  it('answers batches by key and searches certifications by title words', () => {
    expect(ids(index.trainingsByIds(['F2', 'NOPE', 'F1']).map((training) => training ?? { id: 'null' }))).toEqual(['F2', 'null', 'F1']);
    expect(index.certificationsForRomes(['H2913', 'M1805', 'A1101']).map((list) => list.map((certification) => certification.code))).toEqual([['RNCP34126'], ['RS5000'], []]);
    expect(index.searchCertifications('BLOCKCHAIN').map((certification) => certification.code)).toEqual(['RS5000']);
    expect(index.providersBySirets(['19290076900014'])[0]?.name).toBe('GRETA');
  });
});
