/** A worker as an entity reference: the id only. Rights are loaded on demand, after the access check. */
export interface WorkerRef {
  id: string;
}
