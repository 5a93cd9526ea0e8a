import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorFigures, hfIndex } from './eval/hf-demo.js';
import { parseSearchQuery } from './query-parser.js';
import type { SearchOptions } from './search.models.js';
import { makeDoc } from './search.test-utils.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';

// 1,400 "quantum" papers: 700 quant-ph, 500 cs.LG (100 of them cross-listed to gr-qc), 200 gr-qc; years and code vary.
function corpus() {
  return Array.from({ length: 1400 }, (_, i) => {
    const categories = i < 700 ? ['quant-ph'] : i < 1200 ? (i % 5 === 0 ? ['cs.LG', 'gr-qc'] : ['cs.LG']) : ['gr-qc'];
    return makeDoc({
      paperId: i + 1,
      title: `Quantum paper ${i}`,
      abstract: i % 50 === 0 ? 'Entanglement of spin chains.' : 'Quantum effects.',
      categories,
      primaryCategory: categories[0],
      publishedAt: `${2019 + (i % 6)}-03-01T00:00:00Z`,
      hasCode: i % 3 === 0,
    });
  });
}

const page: SearchOptions = { limit: 10, offset: 0, sort: 'relevance' };

describe('counts that agree', () => {
  let index: SearchIndex;
  beforeAll(() => {
    index = openSearchIndex({ path: ':memory:' });
    index.upsert(corpus());
  });
  afterAll(() => index.close());

  const run = (text: string, options: Partial<SearchOptions> = {}) =>
    index.search(parseSearchQuery(text), { ...page, ...options });

  it('caps a broad total at 1,000+ and offers its facets without counts, never with a count its page contradicts', () => {
    const broad = run('quantum');
    expect({ total: broad.total, exact: broad.totalExact }).toEqual({ total: 1000, exact: false });
    // The values seen among the ranked (newest) matches, uncounted.
    expect(broad.facets.category.length).toBeGreaterThan(0);
    for (const f of [...broad.facets.category, ...broad.facets.year, ...broad.facets.hasCode])
      expect(f.count).toBeNull();
    // Below the cap a facet's page counts exactly and lists its own count, the same number.
    const grqc = run('quantum', { category: 'gr-qc' });
    expect([grqc.total, grqc.totalExact]).toEqual([300, true]);
    expect(grqc.facets.category).toEqual([{ value: 'gr-qc', count: 300, exact: true }]);
    for (const f of grqc.facets.year) {
      const chosen = run('quantum', { category: 'gr-qc', yearFrom: f.value, yearTo: f.value });
      expect([chosen.total, chosen.totalExact]).toEqual([f.count, f.exact]);
    }
    const code = grqc.facets.hasCode.find((f) => f.value)!;
    expect(run('quantum', { category: 'gr-qc', hasCode: true }).total).toBe(code.count);
  });

  it('counts a narrow query exactly, cross-listed categories included', () => {
    const narrow = run('entanglement');
    expect([narrow.total, narrow.totalExact]).toEqual([28, true]);
    for (const f of [...narrow.facets.category]) {
      expect(run('entanglement', { category: f.value }).total).toBe(f.count!);
    }
    expect(narrow.facets.category.find((f) => f.value === 'gr-qc')?.count).toBe(14);
  });

  it('offers no empty category for papers whose categories are unknown', () => {
    const bare = openSearchIndex({ path: ':memory:' });
    bare.upsert(
      [1, 2].map((paperId) =>
        makeDoc({ paperId, title: `Sparse experts ${paperId}`, categories: [], primaryCategory: '' }),
      ),
    );
    const found = bare.search(parseSearchQuery('sparse experts'), page);
    expect(found.total).toBe(2);
    expect(found.facets.category).toEqual([]);
    bare.close();
  });

  it('keeps the AND/OR choice when a facet is chosen, so a small facet does not widen to any word', () => {
    const both = run('quantum entanglement');
    expect(both.semantics).toBe('and');
    // Years in which fewer than 10 papers have both words: on its own, such a query would fall back to any word.
    const small = both.facets.year.filter((f) => f.count! < 10);
    expect(small.length).toBeGreaterThan(0);
    for (const year of small) {
      const chosen = run('quantum entanglement', { yearFrom: year.value, yearTo: year.value });
      expect(chosen.semantics).toBe('and');
      expect(chosen.total).toBe(year.count);
    }
  });
});

describe('author-name queries', () => {
  it('rank papers by the person above papers that only mention the name', () => {
    const index = openSearchIndex({ path: ':memory:' });
    index.upsert([
      makeDoc({
        paperId: 1,
        title: 'Energy based models',
        abstract: 'We revisit the view of Yann LeCun on world models, as LeCun argued.',
        authors: ['Ada Smith'],
      }),
      makeDoc({
        paperId: 2,
        title: 'Self-supervised learning',
        abstract: 'Joint embeddings.',
        authors: ['Yann LeCun', 'Ada Smith'],
      }),
      makeDoc({
        paperId: 3,
        title: 'Yann and LeCun style nets',
        abstract: 'LeCun nets, Yann nets.',
        authors: ['Bo Li'],
      }),
    ]);
    const ids = (text: string) => index.search(parseSearchQuery(text), page).hits.map((h) => h.paperId);
    expect(ids('yann lecun')[0]).toBe(2);
    expect(ids('yann lecun').sort()).toEqual([1, 2, 3]);
    // Quoted words are not a name query: plain BM25 keeps the mention first.
    expect(ids('"yann" "lecun"')[0]).not.toBe(2);
    index.close();
  });

  it('on the ML demo data puts every paper of a few real authors first', { timeout: 120_000 }, () => {
    const { index, docs } = hfIndex('test/fixtures/hf-papers-2024/papers.json');
    const figures = authorFigures({ index, docs, names: ['Ge Zhang', 'Qi Zhang', 'Yu Liu', 'Kai Chen', 'Tao Gui'] });
    for (const f of figures) expect(f.after).toBeGreaterThanOrEqual(f.before);
    expect(figures.reduce((s, f) => s + f.after, 0)).toBeGreaterThan(figures.reduce((s, f) => s + f.before, 0));
    expect(figures.find((f) => f.name === 'Ge Zhang')).toMatchObject({ papers: 11, after: 11 });
    index.close();
  });
});
