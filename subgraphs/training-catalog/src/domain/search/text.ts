import { foldAccents } from '../../../../../lib/text.js';

/** Words too common in French titles to narrow a search. */
const STOPWORDS = new Set([
  'a', 'au', 'aux', 'avec', 'ce', 'd', 'dans', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'ou', 'par', 'pour', 'sur', 'un', 'une',
]);


/**
 * Index/search tokens: normalised words without stopwords, with a light plural folding
 * (`soudeurs` → `soudeur`, `travaux` → `travau`) applied the same way on both sides.
 */
export function tokens(text: string): string[] {
  const out = new Set<string>();
  for (const word of foldAccents(text).split(/[^a-z0-9]+/)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    out.add(word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word);
  }
  return [...out];
}
