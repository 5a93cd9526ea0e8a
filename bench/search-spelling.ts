// Typo-help and count benchmark (issue 14): on N synthetic arXiv-like papers (bench/search.ts's corpus), what
// "did you mean" adds to a search, and what the count rule costs on broad queries.
//
//   nice npx tsx bench/search-spelling.ts                    # 1,000,000 papers (builds the index: minutes)
//   nice npx tsx bench/search-spelling.ts --docs 100000
//   options: --queries 200  --dir DIR --keep / --reuse (as in bench/search.ts)
//
// Misspelled queries: real title phrases with one seeded typing error (swap, drop, double or replace a letter)
// in their longest word. For each, three timings side by side: the search as typed (the anchor), the speller
// alone, and the whole site flow (search, speller, and the corrected search when the correction answers). The
// same for the correct phrases, which the site checks when they find few papers.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSyntheticCorpus, loadArxivSamples, titlePhraseQueries } from '../src/search/eval/synthetic.js';
import { openSearchIndex, parseSearchQuery, type SearchIndex, syncSearchIndex } from '../src/search/index.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const DATA = fileURLToPath(new URL('../../shared/data', import.meta.url));
const SEED = 20240101;
const PAGE = { limit: 20, offset: 0, sort: 'relevance' as const };

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`;
}

function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One typing error in the phrase's longest word. */
function misspell(phrase: string, rnd: () => number): string {
  const words = phrase.split(' ');
  const i = words.reduce((best, w, j) => (w.length > words[best]!.length ? j : best), 0);
  const w = words[i]!;
  const at = 1 + Math.floor(rnd() * Math.max(1, w.length - 2));
  const kind = Math.floor(rnd() * 4);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  words[i] =
    kind === 0
      ? w.slice(0, at) + (w[at + 1] ?? '') + w[at] + w.slice(at + 2)
      : kind === 1
        ? w.slice(0, at) + w.slice(at + 1)
        : kind === 2
          ? w.slice(0, at) + w[at] + w.slice(at)
          : w.slice(0, at) + letters[Math.floor(rnd() * 26)] + w.slice(at + 1);
  return words.join(' ');
}

/** The site's flow (src/papers/search.usecases.ts): search; when few papers, the speller; maybe the corrected search. */
function siteFlow(index: SearchIndex, text: string) {
  const query = parseSearchQuery(text);
  const result = index.search(query, PAGE);
  if (result.semantics === 'none' || (result.total >= 10 && result.semantics !== 'or')) return { suggested: false };
  const suggestion = index.suggestSpelling({ query, text });
  if (suggestion && (result.total === 0 || result.semantics === 'or'))
    index.search(parseSearchQuery(suggestion.text), PAGE);
  return { suggested: suggestion !== null };
}

async function main() {
  const docs = Number(args.docs);
  const dir = args.dir ?? mkdtempSync(path.join(tmpdir(), 'dailypapers-bench-spelling-'));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'search.db');
  const samples = loadArxivSamples({ dataDir: DATA });
  let index: SearchIndex;
  if (args.reuse && existsSync(file)) {
    index = openSearchIndex({ path: file });
    console.log(`reusing ${file} (${index.count().toLocaleString('en')} papers)`);
  } else {
    const generate = createSyntheticCorpus({ samples, seed: SEED })(docs);
    index = openSearchIndex({ path: file });
    const started = performance.now();
    await syncSearchIndex({
      index,
      batchSize: 5000,
      fetchChanges: async (_after, limit) => {
        const batch = [];
        for (let i = 0; i < limit; i++) {
          const next = generate.next();
          if (next.done) break;
          batch.push(next.value);
        }
        return batch;
      },
    });
    index.optimize();
    console.log(`built ${docs.toLocaleString('en')} papers in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const count = Number(args.queries);
  const rnd = seededRandom(SEED);
  const correct = titlePhraseQueries({ samples, count, seed: SEED + 7 });
  const wrong = correct.map((q) => misspell(q, rnd));
  // The first call loads the vocabulary (once per index size); timed on its own.
  let t = performance.now();
  index.suggestSpelling({ query: parseSearchQuery('warmupp'), text: 'warmupp' });
  console.log(`vocabulary load (first suggestion): ${(performance.now() - t).toFixed(0)} ms`);
  for (const q of correct.slice(0, 20)) index.search(parseSearchQuery(q), PAGE);

  for (const [label, queries] of [
    ['misspelled', wrong],
    ['correct', correct],
  ] as const) {
    const plain: number[] = [];
    const speller: number[] = [];
    const flow: number[] = [];
    let suggested = 0;
    for (const q of queries) {
      const query = parseSearchQuery(q);
      t = performance.now();
      index.search(query, { ...PAGE, limit: 19 }); // another cache key than the flow's own search
      plain.push(performance.now() - t);
      t = performance.now();
      index.suggestSpelling({ query, text: q });
      speller.push(performance.now() - t);
      t = performance.now();
      if (siteFlow(index, q).suggested) suggested++;
      flow.push(performance.now() - t);
    }
    console.log(`${label} (${queries.length}), suggestion offered for ${suggested}`);
    console.log(`  search as typed (anchor)   ${percentiles(plain)}`);
    console.log(`  speller alone (the extra)  ${percentiles(speller)}`);
    console.log(`  site flow, all of it       ${percentiles(flow)}`);
  }

  // The count rule on broad single words (capped candidate sets: one count query per facet value shown).
  const broad = ['model', 'learning', 'network', 'data', 'method', 'results', 'quantum', 'field', 'system', 'time'];
  const broadTimes: number[] = [];
  for (const w of broad) {
    t = performance.now();
    const r = index.search(parseSearchQuery(w), { ...PAGE, limit: 18 });
    broadTimes.push(performance.now() - t);
    if (w === 'quantum')
      console.log(
        `  "quantum": total ${r.total}${r.totalExact ? '' : '+'}, ${r.facets.category.length} category facets`,
      );
  }
  console.log(`broad single words (${broad.length}), total + facets  ${percentiles(broadTimes)}`);
  index.close();
  if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
}

await main();
