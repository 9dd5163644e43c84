/** An occupation as this subgraph knows it: a ROME code (france-travail resolves the rest). */
export interface OccupationRef {
  romeCode: string;
}
