// A deterministic toy embedding for tests: words of one concept (synonyms) land on the same dimension, any
// other word on a hashed one. So "automobile" is close to a paper about cars although no word matches —
// the behaviour that distinguishes semantic from keyword search — with results a test can predict.

const CONCEPTS: string[][] = [
  ['car', 'cars', 'automobile', 'automobiles', 'vehicle', 'vehicles', 'motorcar'],
  ['mixing', 'mixer', 'blending', 'interleaving'],
  ['protein', 'proteins', 'enzyme', 'enzymes'],
  ['sun', 'solar', 'stellar', 'corona'],
];

export const TOY_DIMENSIONS = 64;

function slotOf(word: string): number {
  const concept = CONCEPTS.findIndex((c) => c.includes(word));
  if (concept >= 0) return concept;
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return CONCEPTS.length + ((h >>> 0) % (TOY_DIMENSIONS - CONCEPTS.length));
}

/** Unnormalised on purpose: the http provider must normalise what a server returns. */
export function conceptEmbedding(text: string): number[] {
  const v: number[] = Array.from({ length: TOY_DIMENSIONS }, () => 0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const slot = slotOf(word);
    v[slot] = (v[slot] ?? 0) + (word.length > 3 ? 2 : 1);
  }
  if (!v.some((x) => x !== 0)) v[TOY_DIMENSIONS - 1] = 1;
  return v;
}
