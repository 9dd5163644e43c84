/**
 * The ROME 4.0 `champs` field selector, e.g. `formacodes(libelle,code),libelle,code`: a comma list
 * of names, each optionally followed by a parenthesised selector for its sub-objects.
 */
export type Selector = Map<string, Selector | null>;

export function parseChamps(input: string): Selector | undefined {
  let position = 0;
  const parseList = (): Selector | undefined => {
    const selector: Selector = new Map();
    for (;;) {
      const match = /^[A-Za-z][A-Za-z0-9_]*/.exec(input.slice(position));
      if (!match) return undefined;
      position += match[0].length;
      let child: Selector | null = null;
      if (input[position] === '(') {
        position += 1;
        const nested = parseList();
        if (!nested || input[position] !== ')') return undefined;
        position += 1;
        child = nested;
      }
      selector.set(match[0], child);
      if (input[position] !== ',') return selector;
      position += 1;
    }
  };
  const selector = parseList();
  return selector && position === input.length ? selector : undefined;
}

/** Keeps only the selected fields, recursively (arrays are projected item by item). */
export function project(value: unknown, selector: Selector): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selector));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, child] of selector) {
    if (!(name in value)) continue;
    const field = (value as Record<string, unknown>)[name];
    out[name] = child ? project(field, child) : field;
  }
  return out;
}
