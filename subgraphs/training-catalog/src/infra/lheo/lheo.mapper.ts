import { isValidSiret } from '../../../../../lib/validation/codes.js';
import { actionTypeOf } from '../../domain/action-type.js';
import type { Modality, Place, Training, TrainingSession } from '../../domain/training.js';
import { lheoFormationSchema, type LheoAddress, type LheoFormation } from './lheo.response.js';

/** Why a feed record was skipped (counted per reason in the ingestion metrics). */
export type Rejection = 'INVALID_SHAPE' | 'MISSING_TITLE' | 'BAD_SIRET' | 'BAD_DATE' | 'BAD_PRICE' | 'NO_ACTION';

export type MappedFormation = { ok: true; training: Training } | { ok: false; id: string; reason: Rejection };

/** LHEO `modalites-enseignement`: 0 entirely on site, 1 blended, 2 entirely remote. */
const MODALITIES: Record<string, Modality> = { '0': 'IN_PERSON', '1': 'BLENDED', '2': 'REMOTE' };

class Reject extends Error {
  constructor(readonly reason: Rejection) {
    super(reason);
  }
}

/** One LHEO formation → a training, or the reason it cannot be trusted. */
/** `feedUrl`: the regional feed the formation was read from (carif-oref.repository sets it), its provenance. */
export function mapFormation(raw: LheoFormation & { feedUrl?: string }): MappedFormation {
  const feedUrl = raw.feedUrl ?? null;
  const parsed = lheoFormationSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: raw.numero ?? '', reason: 'INVALID_SHAPE' };
  const formation = parsed.data;
  try {
    return { ok: true, training: toTraining(formation, feedUrl) };
  } catch (error) {
    if (error instanceof Reject) return { ok: false, id: formation.numero, reason: error.reason };
    throw error;
  }
}

function toTraining(formation: LheoFormation, feedUrl: string | null): Training {
  const title = plainText(formation.intituleFormation ?? '');
  if (!title) throw new Reject('MISSING_TITLE');
  const organisme = formation.organisme;
  const siret = (organisme?.siret ?? '').replace(/\s+/g, '');
  if (!isValidSiret(siret)) throw new Reject('BAD_SIRET');
  const [mainAction] = formation.actions;
  if (!mainAction) throw new Reject('NO_ACTION');
  const sessions: TrainingSession[] = [];
  const places: Place[] = [];
  for (const action of formation.actions) {
    const place = action.lieuxDeFormation[0] ? toPlace(action.lieuxDeFormation[0]) : null;
    for (const address of action.lieuxDeFormation) places.push(toPlace(address));
    for (const session of action.sessions) {
      sessions.push({ id: session.numero ?? action.numero ?? formation.numero, start: lheoDate(session.debut), end: lheoDate(session.fin), place });
    }
  }
  // Chronological, undated sessions last: what a learner choosing a start date reads first.
  sessions.sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999'));
  const prices = formation.actions.map((action) => price(action.prixTotalTTC));
  const certification = formation.certifications.find((item) => item.codeRNCP || item.codeRS);
  const code = certification ? certificationCode(certification.codeRNCP, certification.codeRS) : null;
  const codeCpf = formation.certifications.find((item) => item.codeCPF)?.codeCPF;
  const providerName = plainText(organisme?.nomOrganisme ?? '') || plainText(organisme?.raisonSociale ?? '') || siret;
  return {
    id: formation.numero,
    title,
    objective: plainText(formation.objectifFormation ?? '') || null,
    provider: {
      siret,
      name: providerName,
      activityNumber: organisme?.numeroActivite?.trim() || null,
      location: organisme?.adresse ? toPlace(organisme.adresse) : null,
    },
    certificationCode: code,
    actionType: actionTypeOf(code, codeCpf),
    certifInfo: certification?.codeCERTIFINFO?.trim() || null,
    formacodes: unique(formation.codesFormacode.map((code) => code.trim()).filter((code) => /^\d{5}$/.test(code))),
    romeCodes: unique(formation.codesRome.map((code) => code.trim().toUpperCase()).filter((code) => /^[A-N]\d{4}$/.test(code))),
    durationHours: positiveInt(mainAction.nombreHeuresTotal),
    priceCents: prices[0] ?? null,
    modality: MODALITIES[mainAction.modalitesEnseignement?.trim() ?? ''] ?? 'IN_PERSON',
    sessions,
    location: places[0] ?? null,
    places,
    cpfEligible: false,
    source: { feedUrl, region: mainAction.lieuxDeFormation[0]?.region?.trim() || null, updatedOn: updateDate(formation.datemaj) },
  };
}

/** `datemaj` says when the Carif-Oref last updated the record: a bad one loses the date, not the record. */
function updateDate(value: string | undefined): string | null {
  try {
    return lheoDate(value);
  } catch (error) {
    if (error instanceof Reject) return null;
    throw error;
  }
}

/** Feeds write the bare number (`474`) or, sometimes, the prefixed code. */
function certificationCode(rncp: string | undefined, rs: string | undefined): string | null {
  const bare = (value: string | undefined, prefix: string): string | null => {
    const match = /^(?:RNCP|RS)?\s*(\d{1,6})$/i.exec(value?.trim() ?? '');
    return match ? `${prefix}${Number(match[1])}` : null;
  };
  return bare(rncp, 'RNCP') ?? bare(rs, 'RS');
}

/**
 * `AAAAMMJJ`, with `00` for an unknown day or month and `00000000` for an unknown date. A partial
 * date reads as its first day; anything else that is not a real calendar date rejects the record.
 */
export function lheoDate(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '' || text === '00000000') return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) throw new Reject('BAD_DATE');
  const [, year = '', month = '', day = ''] = match;
  if (year === '0000') throw new Reject('BAD_DATE');
  if (month === '00') {
    if (day !== '00') throw new Reject('BAD_DATE');
    return `${year}-01-01`;
  }
  const iso = `${year}-${month}-${day === '00' ? '01' : day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) throw new Reject('BAD_DATE');
  return iso;
}

/** `prix-total-TTC` in euros, `1500`, `1500.00` or `1500,5`; absent is unknown, anything else rejects the record. */
function price(value: string | undefined): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) throw new Reject('BAD_PRICE');
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function positiveInt(value: string | undefined): number | null {
  const number = Number(value?.trim().replace(',', '.'));
  return Number.isFinite(number) && number > 0 ? Math.round(number) : null;
}

function toPlace(address: LheoAddress): Place {
  const insee = address.codeInseeCommune?.trim().toUpperCase() || null;
  const latitude = Number(address.latitude);
  const longitude = Number(address.longitude);
  const hasCoordinates = address.latitude !== undefined && address.longitude !== undefined && Number.isFinite(latitude) && Number.isFinite(longitude);
  return {
    label: titleCase(address.ville?.trim() ?? '') || address.ligne.join(', '),
    communeCode: insee,
    postalCode: address.codepostal?.trim() || null,
    departmentCode: address.departement?.trim() || departmentOf(insee),
    latitude: hasCoordinates ? latitude : null,
    longitude: hasCoordinates ? longitude : null,
  };
}

/** Overseas communes (97x) carry a three-character department. */
export function departmentOf(insee: string | null): string | null {
  if (!insee) return null;
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/** Feeds put HTML (escaped in the XML) in descriptive fields; the graph serves plain text. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, separator: string, letter: string) => `${separator}${letter.toUpperCase()}`);
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];
