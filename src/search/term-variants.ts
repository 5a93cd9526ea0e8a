// Other spellings of a query word that the porter stemmer does not conflate, for long (OR) queries only
// (query-plan.ts). Each rule proposes candidates; the planner keeps only those the index actually holds
// (df > 0) with a stem of their own, so a rule that invents a word ("factor" → "factour") costs nothing.
//
// Why these (failure analysis on SciFact *train*, docs/search.md): claims and abstracts disagree on
// British/American spelling ("ischaemia" / "ischemia", "tumour" / "tumor"), on Greek letters written out
// or not ("IFN-γ" / "IFN-gamma"), and on whether a gene or drug name is hyphenated ("IL-6" → words "il", "6";
// "IL6" → one word "il6").

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
const GREEK_BY_NAME = new Map(Object.entries(GREEK).map(([letter, name]) => [name, letter]));

/** British → American rewrites (applied once each, anywhere in the word) and their reverses. */
const BRITISH_AMERICAN: readonly [RegExp, string][] = [
  [/ae/, 'e'], // haem, anaemia, ischaemia, leukaemia, paediatric, gynaecology
  [/oe(?=[a-z])/, 'e'], // oesophagus, oestrogen, foetal, diarrhoea, oedema
  [/our(?=$|s$|al|ed|ing|ite)/, 'or'], // tumour, behaviour, colour, favourite
  [/is(?=ation|e$|ed$|es$|ing$|er$)/, 'iz'], // randomised, organisation, characterise
  [/ys(?=e$|ed$|es$|ing$)/, 'yz'], // analyse, catalysed
  [/tre$/, 'ter'], // centre, litre
];
const AMERICAN_BRITISH: readonly [RegExp, string][] = [
  [/emia/, 'aemia'], // anemia, ischemia, leukemia, septicemia
  [/^hem/, 'haem'], // hemoglobin, hematopoietic
  [/^(esoph|estr|ed[e]m)/, 'o$1'], // esophagus, estrogen, edema
  [/^fet/, 'foet'],
  [/^ped/, 'paed'],
  [/rhea/, 'rhoea'],
  [/or(?=$|s$|al$)/, 'our'], // tumor, behavior
  [/iz(?=ation|e$|ed$|es$|ing$|er$)/, 'is'],
  [/yz(?=e$|ed$|es$|ing$)/, 'ys'],
  [/ter$/, 'tre'],
];

/** Candidate spellings of one lower-cased word (never the word itself; may not exist in the index). */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  for (const [pattern, replacement] of [...BRITISH_AMERICAN, ...AMERICAN_BRITISH]) {
    if (pattern.test(word)) out.add(word.replace(pattern, replacement));
  }
  // A Greek letter alone or ending a word ("γ", "rorγ") and its name ("gamma", "tnfalpha").
  const last = word.at(-1)!;
  if (GREEK[last]) {
    out.add(`${word.slice(0, -1)}${GREEK[last]}`);
    if (word.length > 1) out.add(word.slice(0, -1));
  }
  const named = GREEK_BY_NAME.get(word);
  if (named) out.add(named);
  for (const [name, letter] of GREEK_BY_NAME) {
    if (word.length > name.length && word.endsWith(name)) out.add(`${word.slice(0, -name.length)}${letter}`);
  }
  out.delete(word);
  return [...out];
}

/** Prefixes that abstracts write both hyphenated and joined ("non-homologous", "nonhomologous"). */
const JOINING_PREFIXES = new Set(['non', 'pro', 'anti', 'co', 'pre', 'post', 'multi', 'inter', 'intra', 'sub', 'semi']);

/**
 * A hyphenated or spaced name written as one word: "IL-6" is typed as the words "il", "6" and the abstract
 * may say "IL6"; "non-vertebral" may be "nonvertebral". Proposed for adjacent words where the first is
 * letters and the second holds a digit, or the first is a joining prefix.
 */
export function joinedVariants(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if ((/^\p{L}+$/u.test(a) && /\d/.test(b)) || JOINING_PREFIXES.has(a)) out.push(`${a}${b}`);
  }
  return out;
}
