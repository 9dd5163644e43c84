import type { Kept } from '../../../../lib/http/index.js';
import type { Occupation, OccupationSummary, Skill } from '../domain/occupation.js';
import type { FicheMetierPayload, MetierListPayload, MetierPayload } from './rome.response.js';

export function toOccupation(payload: MetierPayload): Occupation {
  return {
    romeCode: payload.code,
    title: payload.libelle,
    definition: payload.definition,
    jobTitles: payload.appellations.map((appellation) => appellation.libelle),
    formacodes: payload.formacodes.map((item) => item.code),
  };
}

/** Skills come from the fiche, where each skill sits under its enjeu (the group). */
export function toSkills(payload: FicheMetierPayload): Skill[] {
  return payload.groupesCompetencesMobilisees.flatMap((group) =>
    group.competences.items.map((skill) => ({ code: skill.code, label: skill.libelle, kind: skill.type, group: group.enjeu?.libelle ?? null })),
  );
}

/** The competences a fiche's groups dropped (no code or label), for counting. */
export function droppedSkills(payload: FicheMetierPayload): Kept<never> {
  return { items: [], dropped: payload.groupesCompetencesMobilisees.flatMap((group) => group.competences.dropped) };
}

export function toSummaries(payload: MetierListPayload['items']): OccupationSummary[] {
  return payload.map((item) => ({ romeCode: item.code, title: item.libelle, jobTitles: item.appellations.map((appellation) => appellation.libelle) }));
}
