/** Sorted, duplicate-free lists of training ordinals, built once per index. */
export class Postings {
  private readonly lists = new Map<string, number[]>();

  add(key: string, ordinal: number): void {
    const list = this.lists.get(key);
    if (!list) this.lists.set(key, [ordinal]);
    // Ordinals are added in increasing order, so the last one is the only possible duplicate.
    else if (list[list.length - 1] !== ordinal) list.push(ordinal);
  }

  get(key: string): readonly number[] {
    return this.lists.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.lists.has(key);
  }
}

/** Intersection of sorted lists, smallest first so the work is bounded by the rarest criterion. */
export function intersect(lists: readonly (readonly number[])[]): number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [first, ...rest] = sorted;
  if (!first) return [];
  let current = [...first];
  for (const list of rest) {
    const next: number[] = [];
    let j = 0;
    for (const value of current) {
      while (j < list.length && (list[j] as number) < value) j += 1;
      if (list[j] === value) next.push(value);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** Union of sorted lists, sorted. */
export function union(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 1) return [...(lists[0] ?? [])];
  const seen = new Set<number>();
  for (const list of lists) for (const value of list) seen.add(value);
  return [...seen].sort((a, b) => a - b);
}
