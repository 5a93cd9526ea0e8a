// English function words dropped from bare query terms. BM25 already gives them almost no weight, but at
// 1M papers every extra OR term costs a full doclist walk (see README), so they are removed before matching.
// Negations ("not", "no") are kept off this list on purpose: in claims they are rare and carry meaning.
const WORDS = `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself nor of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves also may might must shall whether upon via
within without per et al thus hence however therefore`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
