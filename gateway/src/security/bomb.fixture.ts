/**
 * Fragment bombs (issue #12): `levels` named fragments on Occupation, each spreading the next
 * `spreads` times. The document stays small (8 × 10 is ~800 bytes) while the expanded operation
 * has spreads^(levels-1) fields: any analysis that re-expands spreads without a memo never ends.
 */
export const fragmentBomb = (levels: number, spreads: number): string => {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1 ? `fragment F${level} on Occupation { title }` : `fragment F${level} on Occupation {${` ...F${level + 1}`.repeat(spreads)} }`,
  );
  return `{ occupation(romeCode: "M1805") { ...F0 } } ${fragments.join(' ')}`;
};

/** The bomb of the issue, and one ten times its size. */
export const BOMBS = { issue: fragmentBomb(8, 10), tenTimes: fragmentBomb(45, 20) } as const;
