import type { TrainingOffer } from '../data/trainings.js';
import type { Defect } from './lheo-writer.js';

export interface FeedEntry {
  training: TrainingOffer;
  defect?: Defect;
}

export interface RegionFeed {
  code: string;
  entries: FeedEntry[];
}

export interface CarifOrefFeed {
  generated: string;
  regions: RegionFeed[];
  byRegion: Map<string, RegionFeed>;
  malformed: number;
}

const DEFECTS: readonly Defect[] = ['BAD_DATE', 'BAD_SIRET', 'MISSING_TITLE', 'BAD_PRICE'];

/**
 * The feed, one region per Carif-Oref (a training belongs to the region of its first action), in a
 * stable order. Every third region also carries one broken copy of one of its trainings, so the
 * ingestion's skip-and-count path runs on the real flow.
 */
export function buildFeed(trainings: readonly TrainingOffer[]): CarifOrefFeed {
  const byRegion = new Map<string, RegionFeed>();
  for (const training of trainings) {
    const code = training.actions[0]?.commune.region ?? '00';
    const region = byRegion.get(code) ?? { code, entries: [] };
    region.entries.push({ training });
    byRegion.set(code, region);
  }
  const regions = [...byRegion.values()].sort((a, b) => a.code.localeCompare(b.code));
  let malformed = 0;
  regions.forEach((region, index) => {
    const source = region.entries[0]?.training;
    if (index % 3 !== 0 || !source) return;
    const defect = DEFECTS[malformed % DEFECTS.length] as Defect;
    // A distinct number so a reader cannot mistake the broken copy for the good record.
    const broken: TrainingOffer = { ...source, id: `F9${source.id.slice(2)}` };
    region.entries.splice(Math.min(3, region.entries.length), 0, { training: broken, defect });
    malformed += 1;
  });
  return { generated: '20261128', regions, byRegion, malformed };
}
