// Keywords of a paper from its title and abstract, without a model: candidate phrases are runs of content words
// (no stop word or generic research verb at either end, at most one "of" inside, 1–3 content words), scored by how
// often they occur, how rare their words are in the whole library (document frequencies from the search index),
// whether the title has them and how early they come; near-duplicates (plurals, a phrase inside a better one) are
// dropped. RAKE's candidate split with tf-idf weights, plus YAKE's position and title cues; measured against
// Hugging Face's own keywords in docs/search.md ("Keywords").
import { splitMath, texToPlainText } from '../render/math.js';
import { GENERIC_WORDS, KEYWORD_STOP_WORDS } from './keyword-words.js';

/** How rare words are across the library. `df` answers for lowercased words, in order. */
export interface CorpusStats {
  docCount: number;
  documentFrequencies(words: readonly string[]): number[];
}

export interface ExtractOptions {
  title: string;
  abstract: string;
  stats: CorpusStats;
  /** Most keywords to return (default 10). */
  limit?: number;
}

const MAX_WORDS = 3;
/** The inner word that keeps a phrase together ("mixture of experts", "theory of mind"). */
const INNER = new Set(['of']);
/** Title words count as this many occurrences: the title names what the paper is about. */
const TITLE_WEIGHT = 2;
/** Below this many papers, document frequencies say little; every word counts as equally rare. */
const MIN_CORPUS = 20;

/** A phrase that only ever occurs inside one longer phrase ("sign-gated on-policy" of "… distillation") is a fragment. */
const DOMINATED = 0.3;
/** How close to a chosen phrase's score a longer phrase containing it must come to replace it. */
const SUPERSET_SHARE = 0.8;

interface Token {
  /** As written (case kept). */
  text: string;
  lower: string;
  /** Position among all tokens of the text, title first. */
  position: number;
}

interface Candidate {
  key: string;
  words: string[];
  surfaces: Map<string, number>;
  count: number;
  inTitle: boolean;
  firstPosition: number;
}

export function extractKeywords({ title, abstract, stats, limit = 10 }: ExtractOptions): string[] {
  const titleChunks = chunksOf(title, 0);
  const titleLength = titleChunks.reduce((n, c) => n + c.length, 0);
  const abstractChunks = chunksOf(abstract, titleLength);
  const candidates = new Map<string, Candidate>();
  const add = (chunks: Token[][], inTitle: boolean) => {
    for (const chunk of chunks) for (const phrase of phrasesOf(chunk)) addCandidate({ candidates, phrase, inTitle });
  };
  add(titleChunks, true);
  add(abstractChunks, false);
  if (candidates.size === 0) return [];

  const vocabulary = [...new Set([...candidates.values()].flatMap((c) => c.words))];
  const idf = idfOf({ words: vocabulary, stats });
  const dominated = dominatedKeys(candidates);
  const scored = [...candidates.values()]
    .map((c) => ({ c, score: scoreOf({ c, idf }) * (dominated.has(c.key) ? DOMINATED : 1) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.c.firstPosition - b.c.firstPosition);
  return pickDistinct(scored, limit).map(surfaceOf);
}

/** Text split at punctuation and math into runs of word tokens; a phrase never crosses a run's end. */
function chunksOf(text: string, offset: number): Token[][] {
  const prose = splitMath(text)
    .map((s) => (s.kind === 'text' ? s.text : ' . '))
    .join('');
  const plain = texToPlainText(prose)
    .replace(/https?:\/\/\S+/g, ' . ')
    .replace(/\s[-–—]+\s/g, ' . ');
  const chunks: Token[][] = [];
  let position = offset;
  for (const piece of plain.split(/[.,;:!?()[\]{}"“”‘’«»/|]+|'(?=\s)|(?<=\s)'/)) {
    const tokens: Token[] = [];
    for (const match of piece.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'+-]*[\p{L}\p{N}+]|[\p{L}\p{N}]/gu)) {
      const text = match[0];
      tokens.push({ text, lower: text.toLowerCase(), position: position++ });
    }
    if (tokens.length > 0) chunks.push(tokens);
  }
  return chunks;
}

/** "-ing" words that are nouns of the field, so they may begin a keyword ("learning rate", "reasoning traces"). */
const NOMINAL_ING = new Set(
  'learning reasoning training embedding computing processing modeling modelling sampling planning scaling ranking editing matching tuning pretraining prompting encoding decoding retrieval clustering'.split(
    ' ',
  ),
);

/** A word that can begin a keyword: a content word that is not a gerund ("tracking memory", "benchmarking agents"). */
function canStart(lower: string): boolean {
  return isContentWord(lower) && (!lower.endsWith('ing') || NOMINAL_ING.has(lower) || lower.length <= 5);
}

/** A word that can end a keyword: a content word that is not a past participle ("semantics carried"). */
function canEnd(lower: string): boolean {
  return isContentWord(lower) && !(lower.endsWith('ed') && lower.length > 4 && !lower.endsWith('eed'));
}

const VERB_CUES = new Set(
  'we to can could may might will would should must also they it which that not often then and first further'.split(
    ' ',
  ),
);

/** A word that can stand inside a keyword. */
function isContentWord(lower: string): boolean {
  if (KEYWORD_STOP_WORDS.has(lower) || GENERIC_WORDS.has(lower)) return false;
  if (/^\d/.test(lower)) return false; // numbers and counts ("3", "2-step", "41k") never stand at an edge
  if (lower.length < 2) return false;
  // Adverbs ("significantly", "efficiently") describe, they do not name.
  return !(lower.length > 5 && lower.endsWith('ly'));
}

/** Every span of 1–3 content words of a chunk that starts and ends with a content word and has only content words or "of" inside. */
function* phrasesOf(chunk: Token[]): Generator<Token[]> {
  for (let start = 0; start < chunk.length; start++) {
    if (!canStart(chunk[start]!.lower)) continue;
    // After "we", "to" or a modal the next word is a verb ("we collect", "to restore"), not a name.
    if (start > 0 && VERB_CUES.has(chunk[start - 1]!.lower)) continue;
    let inner = 0;
    for (let end = start; end < chunk.length && end - start < MAX_WORDS + inner; end++) {
      const word = chunk[end]!.lower;
      if (end > start && !isContentWord(word)) {
        if (INNER.has(word) && inner === 0) {
          inner++;
          continue;
        }
        break;
      }
      // "compressed sensing of Lévy" is a fragment of "… of Lévy processes": a phrase with "of" runs to its end.
      const next = chunk[end + 1]?.lower;
      if (inner > 0 && next !== undefined && isContentWord(next)) continue;
      if (canEnd(word)) yield chunk.slice(start, end + 1);
    }
  }
}

/** The same keyword written as "Language Models", "language model" or "language-models" has one key. */
export function keywordKey(words: readonly string[]): string {
  return words.map((w) => singular(w.toLowerCase().replace(/[-']/g, ''))).join(' ');
}

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function addCandidate({
  candidates,
  phrase,
  inTitle,
}: {
  candidates: Map<string, Candidate>;
  phrase: Token[];
  inTitle: boolean;
}) {
  const words = phrase.map((t) => t.lower);
  const key = keywordKey(words);
  const surface = phrase.map((t) => surfaceWord(t.text)).join(' ');
  const existing = candidates.get(key);
  if (existing) {
    existing.count += inTitle ? TITLE_WEIGHT : 1;
    existing.inTitle ||= inTitle;
    existing.surfaces.set(surface, (existing.surfaces.get(surface) ?? 0) + 1);
    return;
  }
  candidates.set(key, {
    key,
    words: words.map((w) => singular(w.replace(/'/g, ''))),
    surfaces: new Map([[surface, 1]]),
    count: inTitle ? TITLE_WEIGHT : 1,
    inTitle,
    firstPosition: phrase[0]!.position,
  });
}

/** Acronyms and names with inner capitals ("LLM", "LoRA", "GPT-4") keep their case; other words are lowercased. */
function surfaceWord(text: string): string {
  return text
    .split('-')
    .map((part) => (/\p{Lu}/u.test(part.slice(1)) ? part : part.toLowerCase()))
    .join('-');
}

/** A name rather than a word: an acronym, a coined name ("EvoArena"), or with digits ("GPT-4"). */
function isName(surface: string): boolean {
  return /\p{Lu}/u.test(surface) || /\d/.test(surface);
}

function idfOf({ words, stats }: { words: string[]; stats: CorpusStats }): Map<string, number> {
  const n = stats.docCount;
  const df = n >= MIN_CORPUS ? stats.documentFrequencies(words) : words.map(() => 0);
  const useful = Math.max(n, MIN_CORPUS);
  return new Map(words.map((w, i) => [w, Math.log((useful + 1) / (Math.min(df[i] ?? 0, useful) + 0.5))]));
}

function scoreOf({ c, idf }: { c: Candidate; idf: Map<string, number> }): number {
  const content = c.words.filter((w) => !INNER.has(w));
  const weights = content.map((w) => idf.get(w) ?? 0);
  // A phrase is as specific as its rarest words, but "of" and a common head word should not drown it.
  const mean = weights.reduce((a, b) => a + b, 0) / content.length;
  const specificity = mean * (1 + 0.3 * (content.length - 1));
  const edges = [idf.get(c.words[0]!) ?? 0, idf.get(c.words[c.words.length - 1]!) ?? 0];
  // Very common words ("model", "data") alone are never keywords; at a phrase's end they are fine.
  if (content.length === 1 && edges[0]! < 1.2) return 0;
  // Earlier is better (YAKE's position cue): the title and the first sentences name the subject.
  const position = 1 + 1 / Math.log2(2 + c.firstPosition / 10);
  const frequency = Math.log2(1 + c.count);
  const title = c.inTitle ? 1.5 : 1;
  // A lone common word ("knowledge", "environments") rarely names a paper's subject; a lone name often does.
  const single = content.length === 1 && !isName(surfaceOf(c)) ? 0.6 : 1;
  return specificity * frequency * position * title * single;
}

/** Keys of candidates that occur no more often than some candidate one word longer that contains them at an end. */
function dominatedKeys(candidates: Map<string, Candidate>): Set<string> {
  const out = new Set<string>();
  for (const d of candidates.values()) {
    if (d.words.length < 2) continue;
    const ends = [d.words.slice(1), d.words.slice(0, -1)].filter((w) => !INNER.has(w[0]!) && !INNER.has(w.at(-1)!));
    for (const words of ends) {
      const c = candidates.get(words.join(' '));
      if (c && c.count <= d.count) out.add(c.key);
    }
  }
  return out;
}

/**
 * Best first, skipping candidates whose words all occur in a better one ("language" after "language models"). A
 * longer phrase containing a chosen one ("selective state spaces" after "state spaces") takes its place when it
 * scores nearly as well: the longer name is the more telling.
 */
function pickDistinct(ranked: ReadonlyArray<{ c: Candidate; score: number }>, limit: number): Candidate[] {
  const chosen: Array<{ c: Candidate; score: number }> = [];
  const within = (a: Candidate, b: Candidate) => a.words.every((w) => b.words.includes(w));
  for (const s of ranked) {
    if (chosen.some((d) => within(s.c, d.c))) continue;
    const shorter = chosen.findIndex((d) => within(d.c, s.c));
    if (shorter >= 0) {
      if (s.score >= SUPERSET_SHARE * chosen[shorter]!.score) chosen[shorter] = s;
      continue;
    }
    if (chosen.length < limit) chosen.push(s);
  }
  return chosen.map((s) => s.c);
}

/** The most frequent way the text wrote it. */
function surfaceOf(c: Candidate): string {
  return [...c.surfaces.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
