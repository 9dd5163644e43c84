import { describe, expect, it } from 'vitest';
import { toReviewSummary } from './anotea.mapper.js';
import { toJobSeeker } from './job-seeker.mapper.js';
import { jobSeekerStatusSchema } from './job-seeker.response.js';
import { toCompany } from './lbb.mapper.js';
import { parsePlaceLabel, toJobOffer, toSearchQuery, totalOf } from './offers.mapper.js';
import { offerSearchSchema } from './offers.response.js';
import { docOfferSearchExample } from './offers.response.fixture.js';
import { docAnoteaExample, docJobSeekerExample, docLbbExample, docOutcomeExample } from './other.response.fixture.js';
import { toOutcomes } from './outcomes.mapper.js';
import { toOccupation, toSkills } from './rome.mapper.js';
import { docFicheExample, docMetierExample } from './rome.response.fixture.js';
import { reviewsResponseSchema } from './anotea.response.js';
import { ficheMetierSchema, metierSchema } from './rome.response.js';
import { lbbSearchSchema } from './lbb.response.js';
import { outcomeResponseSchema } from './outcomes.response.js';

describe('offers mapper', () => {
  it.each([
    ['75 - PARIS 15', 'Paris 15', '75'],
    ['51 - REIMS', 'Reims', '51'],
    ['2A - AJACCIO', 'Ajaccio', '2A'],
    ['92 - NEUILLY-SUR-SEINE', 'Neuilly-sur-Seine', '92'],
    ['974 - SAINT-DENIS', 'Saint-Denis', '974'],
    ['Paris', 'Paris', null],
  ])('cleans lieuTravail.libelle %s', (raw, label, department) => {
    expect(parsePlaceLabel(raw)).toEqual({ label, departmentCode: department });
  });

  it('maps the documented offer, dropping a placeholder SIRET', () => {
    const offer = toJobOffer(offerSearchSchema.parse(docOfferSearchExample).resultats.items[0]!);
    expect(offer).toMatchObject({
      id: '132LKFB',
      title: 'Barman / Barmaid (H/F)',
      contractType: 'CDD',
      contractLabel: 'Contrat à durée déterminée - 6 Mois',
      workingTime: 'Temps plein',
      location: { label: 'Reims', departmentCode: '51', communeCode: '51454', postalCode: '51100', latitude: 49.250859 },
      companySiret: null,
      companyName: 'LE PLEIN AIR',
      romeCode: 'I1401',
      salaryLabel: 'Mensuel de 1500 Euros sur 12 mois',
      url: 'https://candidat.francetravail.fr/offres/recherche/detail/132LKFB',
    });
  });

  it('turns a Relay window into range=p-d and the filter into France Travail parameters', () => {
    const query = toSearchQuery(
      { keywords: ['boulanger', 'nuit'], romeCodes: ['D1102', 'D1104'], place: { kind: 'commune', communeCode: '35238', radiusKm: 20 }, contractTypes: ['CDI', 'OTHER'], publishedSinceDays: 7 },
      { offset: 40, limit: 20 },
    );
    expect(query).toMatchObject({ motsCles: 'boulanger,nuit', codeROME: 'D1102,D1104', commune: '35238', distance: '20', typeContrat: 'CDI', publieeDepuis: '7', range: '40-59' });
  });

  it('reads the total from Content-Range, else from filtresPossibles', () => {
    const body = offerSearchSchema.parse(docOfferSearchExample);
    expect(totalOf({ headers: { 'content-range': 'offres 0-149/9981' } }, body, 0)).toBe(9981);
    expect(totalOf({ headers: {} }, body, 0)).toBe(180);
  });
});

describe('other mappers', () => {
  it('maps a ROME métier and its fiche skills with their enjeu', () => {
    expect(toOccupation(metierSchema.parse(docMetierExample))).toMatchObject({ romeCode: 'A1201', title: 'Bûcheronnage et élagage', jobTitles: ['…'] });
    expect(toSkills(ficheMetierSchema.parse(docFicheExample))).toEqual([
      { code: '1', label: "Contrôler l'état d'une plantation", kind: 'COMPETENCE-DETAILLEE', group: 'Aménagement' },
      { code: '3', label: 'Préparer du matériel', kind: 'MACRO-SAVOIR-FAIRE', group: 'Aménagement' },
    ]);
  });

  it('maps a La Bonne Boîte item', () => {
    expect(toCompany(lbbSearchSchema.parse(docLbbExample).items.items[0]!)).toMatchObject({
      siret: '21860066600018', name: 'MAIRIE CHATELLERAULT', nafCode: '8411Z', headcount: '250-499', hiringPotential: 59.5344812,
      location: { label: 'Châtellerault', communeCode: '86066', departmentCode: '86' }, url: 'https://labonneboite.francetravail.fr/entreprise/21860066600018',
    });
  });

  it('keeps the latest outcome period', () => {
    expect(toOutcomes(outcomeResponseSchema.parse(docOutcomeExample))).toEqual({ returnToWorkRate: 61.2, trainees: 120, period: '2024T1', territory: 'Isère' });
  });

  it('summarises Anotéa reviews (count from the pagination, averages over the reviews read)', () => {
    const summary = toReviewSummary(reviewsResponseSchema.parse(docAnoteaExample));
    expect(summary.count).toBe(120);
    expect(summary.averages).toMatchObject({ welcome: 5, overall: 4 });
    expect(summary.comments[0]).toMatchObject({ text: '…', answer: '…' });
  });

  it('maps the API Particulier status; category 1 is A', () => {
    expect(toJobSeeker('W1', jobSeekerStatusSchema.parse(docJobSeekerExample))).toEqual({
      workerId: 'W1', registered: true, category: 'A', registeredSince: '2020-01-01', soughtRomeCode: null, communeCode: '75107', benefits: null,
    });
  });
});
