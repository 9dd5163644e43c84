import type { Certification } from './certification.js';
import type { Place, Training } from './training.js';

export function aPlace(overrides: Partial<Place> = {}): Place {
  return { label: 'Quimper', communeCode: '29232', postalCode: '29000', departmentCode: '29', latitude: 47.996, longitude: -4.102, ...overrides };
}

export function aTraining(overrides: Partial<Training> = {}): Training {
  const place = overrides.location ?? aPlace();
  return {
    id: 'F0000001',
    title: 'Soudage TIG',
    objective: null,
    provider: { siret: '19290076900014', name: 'GRETA', activityNumber: null, location: null },
    certificationCode: null,
    certifInfo: null,
    actionType: 'OTHER',
    formacodes: ['22454'],
    romeCodes: [],
    durationHours: 70,
    priceCents: 150000,
    modality: 'IN_PERSON',
    sessions: [{ id: 'S1', start: '2027-03-01', end: '2027-04-01', place }],
    location: place,
    places: [place],
    cpfEligible: false,
    source: { feedUrl: null, region: null, updatedOn: null },
    ...overrides,
  };
}

export function aCertification(overrides: Partial<Certification> = {}): Certification {
  return {
    code: 'RNCP34126',
    kind: 'RNCP',
    title: 'Soudeur assembleur industriel',
    level: 3,
    active: true,
    certifInfo: null,
    certifiers: [],
    skillBlocks: [],
    romeCodes: ['H2913'],
    formacodes: ['22454'],
    endDate: null,
    ...overrides,
  };
}
