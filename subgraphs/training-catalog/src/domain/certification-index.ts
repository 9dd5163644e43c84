import type { Certification } from './certification.js';
import { intersect, Postings } from './search/postings.js';
import { tokens } from './search/text.js';

/** The certifications of one catalogue index: by code, by title word and by ROME code, in code order. */
export class CertificationIndex {
  private readonly sorted: readonly Certification[];
  private readonly byCode = new Map<string, Certification>();
  private readonly byToken = new Postings();
  private readonly byRome = new Postings();

  constructor(certifications: readonly Certification[]) {
    this.sorted = [...certifications].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
    this.sorted.forEach((certification, ordinal) => {
      this.byCode.set(certification.code, certification);
      for (const token of tokens(certification.title)) this.byToken.add(token, ordinal);
      for (const rome of certification.romeCodes) this.byRome.add(rome, ordinal);
    });
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Certification | null {
    return this.byCode.get(code) ?? null;
  }

  forRome(romeCode: string): Certification[] {
    return this.byRome.get(romeCode).map((ordinal) => this.sorted[ordinal] as Certification);
  }

  /** Certifications whose title holds every word of the search; empty when a word is unknown. */
  search(text: string): Certification[] {
    const words = tokens(text);
    if (words.length === 0) return [];
    return intersect(words.map((word) => this.byToken.get(word))).map((ordinal) => this.sorted[ordinal] as Certification);
  }
}
