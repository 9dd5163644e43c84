/**
 * Accent- and case-insensitive form of French text: NFD, combining marks stripped, lower case.
 * What every search of the graph and of the simulators compares (`Éducation` matches `education`).
 */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
