// Synthetic arXiv-like papers for speed benchmarks, built from the real samples in shared/data: titles and
// abstracts come from word-bigram chains trained on real titles and abstracts (so real phrases and realistic
// term frequencies occur), lengths are drawn from the real length distributions, authors and category
// lists are real ones recombined. Everything is driven by a seeded PRNG, so a seed gives the same corpus.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../core/random.js';
import type { SearchDocument } from '../search.models.js';

export interface ArxivSamples {
  titles: string[];
  abstracts: string[];
  authors: string[];
  categoryLists: string[][];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

type AddSample = (r: { title: string; abstract: string; authors: string; categories: string }) => void;

function addKaggleSample(add: AddSample, file: string): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    add({ title: r.title, abstract: r.abstract, authors: r.authors, categories: r.categories });
  }
}

/** Samples from one Kaggle-snapshot file alone (CC0): for tests that need a corpus without ../shared/data. */
export function loadKaggleSamples(file: string): ArxivSamples {
  const out: ArxivSamples = { titles: [], abstracts: [], authors: [], categoryLists: [] };
  addKaggleSample((r) => {
    out.titles.push(squash(r.title));
    out.abstracts.push(squash(r.abstract));
    for (const a of r.authors.split(/,\s*|\s+and\s+/)) if (a.trim()) out.authors.push(squash(a));
    out.categoryLists.push(r.categories.split(/\s+/).filter(Boolean));
  }, file);
  return out;
}

export function loadArxivSamples({ dataDir }: { dataDir: string }): ArxivSamples {
  const out: ArxivSamples = { titles: [], abstracts: [], authors: [], categoryLists: [] };
  const add = (r: { title: string; abstract: string; authors: string; categories: string }) => {
    out.titles.push(squash(r.title));
    out.abstracts.push(squash(r.abstract));
    for (const a of r.authors.split(/,\s*|\s+and\s+/)) if (a.trim()) out.authors.push(squash(a));
    out.categoryLists.push(r.categories.split(/\s+/).filter(Boolean));
  };
  addKaggleSample(add, path.join(dataDir, 'arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl'));
  const db = path.join(dataDir, 'arxiv-db-metadata/arXiv_metadata.jsonl');
  for (const line of readFileSync(db, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (r.is_current !== 1) continue;
    add({ title: r.title, abstract: r.abstract, authors: r.authors ?? '', categories: r.abs_categories ?? '' });
  }
  const xml = readFileSync(path.join(dataDir, 'arxiv-quantph-oaidc-processed/arXiv-meta-2008.xml'), 'utf8');
  for (const m of xml.matchAll(/<title>([\s\S]*?)<\/title><description>([\s\S]*?)<\/description>/g)) {
    out.titles.push(squash(unescapeXml(m[1]!)));
    out.abstracts.push(squash(unescapeXml(m[2]!)));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

interface Chain {
  starts: string[];
  next: Map<string, string[]>;
  lengths: number[];
}

function trainChain(texts: string[]): Chain {
  const chain: Chain = { starts: [], next: new Map(), lengths: [] };
  for (const text of texts) {
    const words = text.split(' ').filter(Boolean);
    if (words.length === 0) continue;
    chain.lengths.push(words.length);
    chain.starts.push(words[0]!);
    for (let i = 0; i + 1 < words.length; i++) {
      const list = chain.next.get(words[i]!) ?? [];
      list.push(words[i + 1]!);
      chain.next.set(words[i]!, list);
    }
  }
  return chain;
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function walk(chain: Chain, rnd: () => number): string {
  const n = pick(chain.lengths, rnd);
  const words: string[] = [];
  let w = pick(chain.starts, rnd);
  while (words.length < n) {
    words.push(w);
    const list = chain.next.get(w);
    w = list ? pick(list, rnd) : pick(chain.starts, rnd);
  }
  return words.join(' ');
}

/** Returns a generator of `count` synthetic documents with paperIds 1..count. */
export function createSyntheticCorpus({ samples, seed }: { samples: ArxivSamples; seed: number }) {
  const titleChain = trainChain(samples.titles);
  const abstractChain = trainChain(samples.abstracts);
  const rnd = seededRandom(seed);
  return function* generate(count: number): Generator<SearchDocument> {
    for (let i = 1; i <= count; i++) {
      const cats = pick(samples.categoryLists, rnd);
      const authorCount = 1 + Math.floor(rnd() * 5);
      const authors = Array.from({ length: authorCount }, () => pick(samples.authors, rnd));
      const day = Math.floor(rnd() * 365 * 30);
      yield {
        paperId: i,
        arxivId: `syn.${String(i).padStart(7, '0')}`,
        title: walk(titleChain, rnd),
        abstract: walk(abstractChain, rnd),
        authors,
        categories: cats.length > 0 ? cats : ['quant-ph'],
        primaryCategory: cats[0] ?? 'quant-ph',
        publishedAt: new Date(Date.UTC(1996, 0, 1) + day * 86_400_000).toISOString(),
        hasCode: rnd() < 0.2,
        upvotes: Math.floor(1 / (rnd() + 0.01)) - 1,
        withdrawn: false,
        changeSeq: i,
      };
    }
  };
}

const QUERY_STOP = new Set(['a', 'an', 'the', 'of', 'for', 'in', 'on', 'and', 'to', 'with', 'by', 'at', 'from', 'via']);

/** Queries a reader might type: 2–4 consecutive words of a real title, not starting or ending on a stop word. */
export function titlePhraseQueries({ samples, count, seed }: { samples: ArxivSamples; count: number; seed: number }) {
  const rnd = seededRandom(seed);
  const queries: string[] = [];
  while (queries.length < count) {
    const words = pick(samples.titles, rnd)
      .split(' ')
      .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
      .filter((w) => w.length > 1);
    const len = 2 + Math.floor(rnd() * 3);
    if (words.length < len) continue;
    const start = Math.floor(rnd() * (words.length - len + 1));
    const phrase = words.slice(start, start + len);
    if (QUERY_STOP.has(phrase[0]!.toLowerCase()) || QUERY_STOP.has(phrase.at(-1)!.toLowerCase())) continue;
    queries.push(phrase.join(' '));
  }
  return queries;
}

/** Long natural-language queries (one real abstract sentence each), like claims or pasted text. */
export function sentenceQueries({ samples, count, seed }: { samples: ArxivSamples; count: number; seed: number }) {
  const rnd = seededRandom(seed);
  const queries: string[] = [];
  while (queries.length < count) {
    const sentences = pick(samples.abstracts, rnd).split(/(?<=\.)\s+/);
    const s = pick(sentences, rnd);
    const n = s.split(' ').length;
    if (n >= 8 && n <= 40 && !s.includes('$')) queries.push(s);
  }
  return queries;
}
