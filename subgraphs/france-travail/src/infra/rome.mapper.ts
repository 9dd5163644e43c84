import type { Occupation, OccupationSummary, Skill } from '../domain/occupation.js';
import type { FicheMetierPayload, MetierListPayload, MetierPayload } from './rome.response.js';

export function toOccupation(payload: MetierPayload): Occupation {
  return {
    romeCode: payload.code,
    title: payload.libelle,
    definition: payload.definition ?? null,
    jobTitles: payload.appellations.map((appellation) => appellation.libelle),
    relatedRomeCodes: payload.metiersEnProximite.map((item) => item.code).filter((code) => code !== payload.code),
    formacodes: payload.formacodes.map((item) => item.code),
  };
}

/** Skills come from the fiche, where each skill sits under its enjeu (the group). */
export function toSkills(payload: FicheMetierPayload): Skill[] {
  return payload.groupesCompetencesMobilisees.flatMap((group) =>
    group.competences.map((skill) => ({ code: skill.code, label: skill.libelle, kind: skill.type, group: group.enjeu.libelle })),
  );
}

export function toSummaries(payload: MetierListPayload | (MetierListPayload[number] & { appellations?: { libelle: string }[] })[]): OccupationSummary[] {
  return payload.map((item) => ({
    romeCode: item.code,
    title: item.libelle,
    jobTitles: 'appellations' in item && Array.isArray(item.appellations) ? item.appellations.map((appellation) => appellation.libelle) : [],
  }));
}

