/** A `Worker` as this subgraph receives it: only the key (the caisse-des-depots subgraph owns the rest). */
export interface WorkerRef {
  id: string;
}
