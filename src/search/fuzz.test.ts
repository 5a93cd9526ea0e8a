import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.js';
import { parseSearchQuery } from './query-parser.js';
import type { SearchResult, SearchSort } from './search.models.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import type { SearchIndex } from './search-index.js';

// Pieces of FTS5 syntax, SQL, markup and odd Unicode that users (and attackers) paste into search boxes.
const FRAGMENTS = [
  '"',
  '""',
  "'",
  '(',
  ')',
  'AND(',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(',
  '*',
  '^',
  '-',
  '--',
  ':',
  'title:',
  'author:',
  'cat:',
  'year:',
  'year:2020..',
  'after:',
  'has:code',
  '{title abstract}:',
  'rowid',
  'fts',
  ';',
  'DROP TABLE docs',
  '\u0000',
  '\u0002',
  '\u0003',
  '\t',
  '\n',
  '\\',
  '%',
  '_',
  '<script>',
  '&amp;',
  '😀',
  '🧪🧬',
  'é',
  'e\u0301',
  'ß',
  '中文',
  'العربية',
  '\u200b',
  '\ud800',
  'mixing',
  'token',
  'state space',
  'model',
  'x'.repeat(300),
  '1e309',
  '+',
];

function randomQuery(rnd: () => number): string {
  const n = 1 + Math.floor(rnd() * 8);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)];
    if (rnd() < 0.5) s += ' ';
  }
  return s;
}

function expectValid(r: SearchResult) {
  expect(Array.isArray(r.hits)).toBe(true);
  expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
  expect(Number.isFinite(r.tookMs)).toBe(true);
  for (const h of r.hits) {
    expect(Number.isInteger(h.paperId)).toBe(true);
    expect(Number.isFinite(h.score)).toBe(true);
    for (const html of [h.highlightedTitle, h.highlightedAbstract]) {
      expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>\p{Cc}]/u);
    }
  }
}

describe('search with arbitrary input', () => {
  let t: ReturnType<typeof tempIndex>;
  let index: SearchIndex;
  beforeAll(() => {
    t = tempIndex();
    index = t.index;
    const rnd = seededRandom(3);
    const words = ['mixing', 'token', 'state', 'space', 'model', 'NEAR', 'AND', 'title', '😀', 'é', '<b>', '&'];
    const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(' ');
    index.upsert(
      Array.from({ length: 60 }, (_, i) =>
        makeDoc({ paperId: i + 1, title: text(6), abstract: text(40), hasCode: i % 3 === 0, upvotes: i }),
      ),
    );
  });
  afterAll(() => t.dispose());

  it('never throws and always returns a well-formed result for thousands of random strings', () => {
    const rnd = seededRandom(11);
    const sorts: SearchSort[] = ['relevance', 'newest', 'upvotes'];
    let withHits = 0;
    for (let i = 0; i < 3000; i++) {
      const q = randomQuery(rnd);
      const r = index.search(parseSearchQuery(q), {
        limit: 1 + Math.floor(rnd() * 20),
        offset: Math.floor(rnd() * 5),
        sort: sorts[i % 3]!,
      });
      expectValid(r);
      if (r.hits.length > 0) withHits++;
    }
    // The generator is not all noise: plenty of queries contain real words and must find papers.
    expect(withHits).toBeGreaterThan(500);
  });

  it('handles 10 kB of emoji, NUL bytes, lone surrogates and absurd options', () => {
    for (const q of [
      '😀'.repeat(5000),
      '\u0000'.repeat(10_000),
      '\ud800mixing\udfff',
      '"'.repeat(999),
      'title:'.repeat(500),
    ]) {
      expectValid(index.search(parseSearchQuery(q), { limit: 10, offset: 0, sort: 'relevance' }));
      expect(Array.isArray(index.moreLikeThis(q, { limit: 5 }))).toBe(true);
    }
    expectValid(index.search(parseSearchQuery('mixing'), { limit: Number.NaN, offset: -5, sort: 'relevance' }));
    expectValid(index.search(parseSearchQuery('mixing'), { limit: 1e9, offset: 1e9, sort: 'newest' }));
  });

  it('never lets user text reach MATCH as syntax: operators are searched as words', () => {
    // "NEAR" and "AND" are indexed words here; as syntax they would error or mean something else.
    const r = index.search(parseSearchQuery('NEAR AND'), { limit: 60, offset: 0, sort: 'relevance' });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits[0]!.highlightedTitle + r.hits[0]!.highlightedAbstract).toMatch(/<mark>(NEAR|AND)<\/mark>/);
  });
});
