/**
 * The cost a request actually had, read from its answer with the rule `estimateCost` applies to
 * the document (lib/limits/cost.ts): each field answered costs 1, an object adds its fields, a
 * list adds each item's fields. Where the estimate multiplies by the page size asked for (or the
 * default list size), this counts the items that came back — so a search asking for 20 trainings
 * that finds 3 costs three trainings. The cost budget charges the estimate at admission and this
 * once the answer is known (the model of Shopify's "requested" and "actual" query costs).
 */
export function actualCost(data: unknown): number {
  if (data === null || typeof data !== 'object') return 0;
  return fieldsCost(data);
}

/** The fields of one object (or of every object of a list): 1 each, plus what their values hold. */
function fieldsCost(value: object): number {
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value as unknown[]) if (item !== null && typeof item === 'object') total += fieldsCost(item);
    return total;
  }
  let total = 0;
  for (const field of Object.values(value) as unknown[]) {
    total += 1;
    if (field !== null && typeof field === 'object') total += fieldsCost(field);
  }
  return total;
}
