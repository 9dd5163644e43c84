import type { Certification } from './certification.js';
import { distanceKm } from '../../../../lib/geo.js';
import { cellKey, cellsAround } from './search/geo.js';
import { CertificationIndex } from './certification-index.js';
import { intersect, Postings, union } from './search/postings.js';
import { tokens } from './search/text.js';
import type { Modality, Training, TrainingProvider } from './training.js';

export type PlaceCriterion =
  | { kind: 'department'; code: string }
  /** `latitude`/`longitude` null: a well-formed but unknown commune, which matches nothing. */
  | { kind: 'commune'; code: string; latitude: number | null; longitude: number | null; radiusKm: number };

export interface TrainingCriteria {
  keywords?: string;
  formacodes?: string[];
  certificationCode?: string;
  romeCode?: string;
  providerSiret?: string;
  near?: PlaceCriterion;
  /** ISO date: a session starts on or after it. */
  startAfter?: string;
  modality?: Modality;
  cpfEligibleOnly?: boolean;
}

/** An occupation in a territory: its department, or (for an employment basin) its communes. */
export interface TerritoryCountKey {
  romeCode: string;
  departmentCode: string;
  communes: readonly string[];
}

export interface TerritoryCounts {
  trainings: number;
  cpfEligible: number;
  /** Main Formacodes of the trainings counted, most frequent first, at most 3. */
  mainFormacodes: string[];
}

export interface CatalogInput {
  trainings: Training[];
  certifications: Certification[];
  /** Narrower Formacodes by broader (generic) code, from the Formacode reference. */
  formacodeChildren: ReadonlyMap<string, readonly string[]>;
  /** The France Compétences export the certifications were read from (their provenance). */
  certificationExport?: CertificationExport | undefined;
  /** The operators read to build the index, when, and for how long it serves as fresh (for `extensions.sources`). */
  ingestion?: CatalogIngestion | undefined;
}

export interface CatalogIngestion {
  operators: readonly string[];
  /** ms since epoch. */
  ingestedAt: number;
  /** The refresh period; null when the index is never refreshed. */
  freshForSeconds: number | null;
}

export interface CertificationExport {
  url: string;
  /** The export's date as the dataset gives it; null when it does not. */
  exportedAt: string | null;
}

interface Located {
  ordinal: number;
  latitude: number;
  longitude: number;
}

/**
 * An immutable, fully built view of the catalogue. A refresh builds a new one and swaps the
 * reference, so a request that captured an index reads one consistent catalogue. Every search
 * starts from inverted indexes (postings) and touches only the trainings they return.
 */
export class CatalogIndex {
  /** Sorted by id: the stable order of every result list. */
  readonly trainings: readonly Training[];
  private readonly trainingOrdinal = new Map<string, number>();
  private readonly certifications: CertificationIndex;
  private readonly providerBySiret = new Map<string, TrainingProvider>();
  private readonly byToken = new Postings();
  private readonly byFormacode = new Postings();
  private readonly byCertification = new Postings();
  private readonly byRome = new Postings();
  private readonly byProvider = new Postings();
  private readonly byDepartment = new Postings();
  private readonly byCommune = new Postings();
  private readonly byModality = new Postings();
  private readonly cpfEligible = new Postings();
  private readonly byCell = new Map<string, Located[]>();
  /** Latest session start per training (ISO, '' when none is known). */
  private readonly latestStart: string[] = [];
  private readonly formacodeChildren: ReadonlyMap<string, readonly string[]>;
  /** Where the certifications were read; null for an index built without one (fixtures). */
  readonly certificationExport: CertificationExport | null;
  /** How the index was built; null for an index built without one (fixtures). */
  readonly ingestion: CatalogIngestion | null;
  /** Calls answered by this index, by kind (tests assert batching with it). */
  readonly lookups = { trainings: 0, certifications: 0, providers: 0, occupations: 0, searches: 0 };

  constructor(input: CatalogInput) {
    this.trainings = [...input.trainings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.formacodeChildren = input.formacodeChildren;
    this.certificationExport = input.certificationExport ?? null;
    this.ingestion = input.ingestion ?? null;
    this.trainings.forEach((training, ordinal) => this.indexTraining(training, ordinal));
    this.certifications = new CertificationIndex(input.certifications);
  }

  private indexTraining(training: Training, ordinal: number): void {
    this.trainingOrdinal.set(training.id, ordinal);
    if (!this.providerBySiret.has(training.provider.siret)) this.providerBySiret.set(training.provider.siret, training.provider);
    for (const token of tokens(`${training.title} ${training.objective ?? ''}`)) this.byToken.add(token, ordinal);
    for (const code of training.formacodes) this.byFormacode.add(code, ordinal);
    if (training.certificationCode) this.byCertification.add(training.certificationCode, ordinal);
    for (const rome of training.romeCodes) this.byRome.add(rome, ordinal);
    this.byProvider.add(training.provider.siret, ordinal);
    this.byModality.add(training.modality, ordinal);
    if (training.cpfEligible) this.cpfEligible.add('yes', ordinal);
    for (const place of training.places) {
      if (place.departmentCode) this.byDepartment.add(place.departmentCode, ordinal);
      if (place.communeCode) this.byCommune.add(place.communeCode, ordinal);
      if (place.latitude === null || place.longitude === null) continue;
      const key = cellKey(place.latitude, place.longitude);
      const cell = this.byCell.get(key) ?? [];
      cell.push({ ordinal, latitude: place.latitude, longitude: place.longitude });
      this.byCell.set(key, cell);
    }
    this.latestStart[ordinal] = training.sessions.reduce((latest, session) => (session.start && session.start > latest ? session.start : latest), '');
  }

  get size(): { trainings: number; certifications: number; providers: number } {
    return { trainings: this.trainings.length, certifications: this.certifications.size, providers: this.providerBySiret.size };
  }

  trainingsByIds(ids: readonly string[]): (Training | null)[] {
    this.lookups.trainings += 1;
    return ids.map((id) => {
      const ordinal = this.trainingOrdinal.get(id);
      return ordinal === undefined ? null : this.trainings[ordinal] ?? null;
    });
  }

  certificationsByCodes(codes: readonly string[]): (Certification | null)[] {
    this.lookups.certifications += 1;
    return codes.map((code) => this.certifications.get(code));
  }

  providersBySirets(sirets: readonly string[]): (TrainingProvider | null)[] {
    this.lookups.providers += 1;
    return sirets.map((siret) => this.providerBySiret.get(siret) ?? null);
  }

  /** Certifications linked to each ROME code, in code order. */
  certificationsForRomes(romeCodes: readonly string[]): Certification[][] {
    this.lookups.occupations += 1;
    return romeCodes.map((rome) => this.certifications.forRome(rome));
  }

  /** Trainings leading to each occupation (optionally near a place), for a whole batch of occupations. */
  trainingsForOccupations(keys: readonly { romeCode: string; near: PlaceCriterion | undefined }[]): Training[][] {
    this.lookups.occupations += 1;
    return keys.map((key) => this.search({ romeCode: key.romeCode, ...(key.near ? { near: key.near } : {}) }));
  }

  /**
   * The trainings leading to each occupation with a site in a territory (a department, or any of a
   * basin's communes), counted from the postings: no training is read beyond those counted.
   */
  territoryCounts(keys: readonly TerritoryCountKey[]): TerritoryCounts[] {
    this.lookups.occupations += 1;
    return keys.map((key) => {
      const places = key.communes.length > 0 ? union(key.communes.map((code) => this.byCommune.get(code))) : this.byDepartment.get(key.departmentCode);
      const ordinals = intersect([this.byRome.get(key.romeCode), places]);
      const eligible = intersect([ordinals, this.cpfEligible.get('yes')]).length;
      const formacodes = new Map<string, number>();
      for (const ordinal of ordinals) {
        const main = this.trainings[ordinal]?.formacodes[0];
        if (main) formacodes.set(main, (formacodes.get(main) ?? 0) + 1);
      }
      const main = [...formacodes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([code]) => code);
      return { trainings: ordinals.length, cpfEligible: eligible, mainFormacodes: main };
    });
  }

  /** Certifications whose title holds every word of the search; empty when a word is unknown. */
  searchCertifications(search: string): Certification[] {
    return this.certifications.search(search);
  }

  /** Trainings matching every criterion, by id — or by distance then id for a radius search. */
  searchTrainings(criteria: TrainingCriteria): Training[] {
    this.lookups.searches += 1;
    return this.search(criteria);
  }

  private search(criteria: TrainingCriteria): Training[] {
    const lists: (readonly number[])[] = [];
    let distances: Map<number, number> | undefined;
    if (criteria.keywords !== undefined) {
      const words = tokens(criteria.keywords);
      for (const word of words) lists.push(this.byToken.get(word));
    }
    if (criteria.formacodes && criteria.formacodes.length > 0) {
      lists.push(union(this.expandFormacodes(criteria.formacodes).map((code) => this.byFormacode.get(code))));
    }
    if (criteria.certificationCode) lists.push(this.byCertification.get(criteria.certificationCode));
    if (criteria.romeCode) lists.push(this.byRome.get(criteria.romeCode));
    if (criteria.providerSiret) lists.push(this.byProvider.get(criteria.providerSiret));
    if (criteria.modality) lists.push(this.byModality.get(criteria.modality));
    if (criteria.cpfEligibleOnly) lists.push(this.cpfEligible.get('yes'));
    const near = criteria.near;
    if (near?.kind === 'department') lists.push(this.byDepartment.get(near.code));
    else if (near?.kind === 'commune' && near.radiusKm === 0) lists.push(this.byCommune.get(near.code));
    else if (near?.kind === 'commune') {
      distances = this.withinRadius(near);
      lists.push([...distances.keys()].sort((a, b) => a - b));
    }
    let ordinals: number[];
    if (lists.length > 0) {
      ordinals = intersect(lists);
      if (criteria.startAfter) {
        const after = criteria.startAfter;
        ordinals = ordinals.filter((ordinal) => (this.latestStart[ordinal] ?? '') >= after);
      }
    } else {
      const after = criteria.startAfter ?? '';
      ordinals = [];
      this.latestStart.forEach((latest, ordinal) => {
        if (latest >= after) ordinals.push(ordinal);
      });
    }
    if (distances) {
      const distance = distances;
      ordinals.sort((a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0) || a - b);
    }
    return ordinals.map((ordinal) => this.trainings[ordinal] as Training);
  }

  /** A code and every narrower code under it (the Formacode tree is a few levels deep). */
  private expandFormacodes(codes: readonly string[]): string[] {
    const out = new Set<string>();
    const pending = [...codes];
    while (pending.length > 0) {
      const code = pending.pop() as string;
      if (out.has(code)) continue;
      out.add(code);
      pending.push(...(this.formacodeChildren.get(code) ?? []));
    }
    return [...out];
  }

  /** Ordinal → nearest site distance, for trainings with a site within the radius (grid prefilter, then haversine). */
  private withinRadius(near: Extract<PlaceCriterion, { kind: 'commune' }>): Map<number, number> {
    const found = new Map<number, number>();
    if (near.latitude === null || near.longitude === null) return found;
    for (const key of cellsAround(near.latitude, near.longitude, near.radiusKm)) {
      for (const site of this.byCell.get(key) ?? []) {
        const distance = distanceKm(near.latitude, near.longitude, site.latitude, site.longitude);
        if (distance > near.radiusKm) continue;
        const known = found.get(site.ordinal);
        if (known === undefined || distance < known) found.set(site.ordinal, distance);
      }
    }
    return found;
  }
}
