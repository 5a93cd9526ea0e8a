import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from './query-parser.js';
import type { SearchOptions } from './search.models.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import type { SearchIndex } from './search-index.js';

const page: SearchOptions = { limit: 10, offset: 0, sort: 'relevance' };

describe('search index', () => {
  let t: ReturnType<typeof tempIndex>;
  let index: SearchIndex;
  const ids = (q: string, opts: Partial<SearchOptions> = {}) =>
    index.search(parseSearchQuery(q), { ...page, ...opts }).hits.map((h) => h.paperId);

  beforeAll(() => {
    t = tempIndex();
    index = t.index;
    index.upsert([
      makeDoc({ paperId: 1, title: 'Token mixing layers for vision', abstract: 'We study MLP blocks.', upvotes: 5 }),
      makeDoc({ paperId: 2, title: 'A study of vision backbones', abstract: 'We compare token mixing methods.' }),
      makeDoc({
        paperId: 3,
        title: 'Mixup data augmentation',
        abstract: 'Mixing images and labels regularises training.',
        categories: ['cs.CV', 'cs.LG'],
        publishedAt: '2019-05-01T00:00:00Z',
        hasCode: true,
        upvotes: 50,
      }),
      makeDoc({
        paperId: 4,
        title: 'Turbulent mixing layer in the solar corona',
        abstract: 'A mixing layer forms between <hot> & cold plasma.',
        authors: ['Albert Gu'],
        categories: ['astro-ph.SR'],
        publishedAt: '2023-03-01T00:00:00Z',
      }),
      makeDoc({
        paperId: 5,
        title: 'Selective state space models',
        abstract: 'A state space model with selection. The space of states is large.',
        authors: ['Albert Gu', 'Tri Dao'],
        hasCode: true,
        publishedAt: '2023-12-01T00:00:00Z',
      }),
      makeDoc({
        paperId: 6,
        title: 'Space models of state',
        abstract: 'State of the space.',
        publishedAt: '2022-01-01',
      }),
    ]);
  });
  afterAll(() => t.dispose());

  it('counts and reports what it holds', () => {
    expect(index.count()).toBe(6);
    expect(index.lastSeq()).toBe(6);
  });

  it('ranks a title match above an abstract-only match', () => {
    expect(ids('token mixing').slice(0, 2)).toEqual([1, 2]);
  });

  it('matches word forms through stemming ("mixing" finds "mix")', () => {
    index.upsert([makeDoc({ paperId: 7, title: 'How to mix experts', abstract: 'Experts are mixed.', changeSeq: 7 })]);
    expect(ids('mixing')).toContain(7);
    index.remove([7]);
    expect(ids('mixing')).not.toContain(7);
  });

  it('removes excluded words and phrases', () => {
    expect(ids('mixing')).toContain(3);
    expect(ids('mixing -mixup')).not.toContain(3);
    expect(ids('mixing -"mixing layer"')).not.toContain(4);
  });

  it('requires adjacency for a quoted phrase', () => {
    expect(ids('"state space model"')).toEqual([5]);
    expect(ids('state space model').sort()).toEqual([5, 6]);
  });

  it('searches one column with a fielded term', () => {
    expect(ids('author:gu').sort()).toEqual([4, 5]);
    expect(ids('title:mixing').sort()).toEqual([1, 4]);
  });

  it('applies typed and structured filters and counts facets over all matches', () => {
    const r = index.search(parseSearchQuery('mixing'), page);
    expect(r.total).toBe(4);
    // Every category counts (a cross-listed paper is found by the category filter too), so each facet count is
    // the number of papers the same query finds with that facet chosen.
    expect(r.facets.category.map((f) => [f.value, f.count])).toEqual([
      ['cs.LG', 3],
      ['astro-ph.SR', 1],
      ['cs.CV', 1],
    ]);
    for (const f of r.facets.category) expect(ids('mixing', { category: f.value })).toHaveLength(f.count!);
    expect(r.facets.hasCode).toEqual([
      { value: true, count: 1, exact: true },
      { value: false, count: 3, exact: true },
    ]);
    expect(r.facets.year).toEqual([
      { value: 2024, count: 2, exact: true },
      { value: 2023, count: 1, exact: true },
      { value: 2019, count: 1, exact: true },
    ]);
    expect(ids('mixing cat:cs.LG').sort()).toEqual([1, 2, 3]);
    expect(ids('mixing', { category: 'astro-ph.SR' })).toEqual([4]);
    expect(ids('mixing year:2019')).toEqual([3]);
    expect(ids('mixing has:code')).toEqual([3]);
    expect(ids('mixing', { yearFrom: 2020, yearTo: 2023 })).toEqual([4]);
    expect(ids('mixing after:2023-01-01 before:2024-01-01')).toEqual([4]);
  });

  it('falls back from all words to any word when too few papers have all of them', () => {
    const r = index.search(parseSearchQuery('turbulent backbones'), page);
    expect(r.semantics).toBe('or');
    expect(r.hits.map((h) => h.paperId).sort()).toEqual([2, 4]);
  });

  it('sorts by newest and by upvotes, and paginates', () => {
    expect(ids('mixing', { sort: 'upvotes' })[0]).toBe(3);
    expect(ids('mixing', { sort: 'newest' }).at(-1)).toBe(3);
    const all = ids('mixing');
    expect([...ids('mixing', { limit: 2 }), ...ids('mixing', { limit: 2, offset: 2 })]).toEqual(all);
  });

  it('highlights with <mark> only, escaping everything else', () => {
    const hit = index.search(parseSearchQuery('mixing layer'), page).hits.find((h) => h.paperId === 4)!;
    expect(hit.highlightedTitle).toBe('Turbulent <mark>mixing</mark> <mark>layer</mark> in the solar corona');
    expect(hit.highlightedAbstract).toContain('&#60;hot&#62; &#38; cold');
    expect(hit.highlightedAbstract.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('lists papers by filters alone when there is no text', () => {
    const r = index.search(parseSearchQuery('author: has:code'), { ...page, sort: 'newest' });
    expect(r.semantics).toBe('none');
    expect(r.hits.map((h) => h.paperId)).toEqual([5, 3]);
    expect(r.total).toBe(2);
    expect(ids('-mixing').sort()).toEqual([5, 6]);
  });

  it('finds similar papers from a text, excluding the paper itself', () => {
    const text = index.paperText(5)!;
    const hits = index.moreLikeThis(text, { limit: 3, excludePaperId: 5 });
    expect(hits[0]?.paperId).toBe(6);
    expect(hits.map((h) => h.paperId)).not.toContain(5);
    expect(index.moreLikeThis('', { limit: 3 })).toEqual([]);
  });

  it('updates votes without touching the text and drops withdrawn papers', () => {
    index.upsert([
      makeDoc({
        paperId: 2,
        title: 'A study of vision backbones',
        abstract: 'We compare token mixing methods.',
        upvotes: 999,
        changeSeq: 8,
      }),
    ]);
    expect(ids('mixing', { sort: 'upvotes' })[0]).toBe(2);
    index.upsert([makeDoc({ paperId: 2, withdrawn: true, changeSeq: 9 })]);
    expect(ids('mixing')).not.toContain(2);
    expect(index.lastSeq()).toBe(9);
  });

  it('rejects a malformed document without writing any of its batch', () => {
    const before = index.count();
    const bad = { ...makeDoc({ paperId: 20, changeSeq: 20 }), publishedAt: 'yesterday' };
    expect(() => index.upsert([makeDoc({ paperId: 21, changeSeq: 21 }), bad])).toThrow(/publishedAt/);
    expect(index.count()).toBe(before);
    expect(index.lastSeq()).toBe(9);
  });
});

describe('category filters inside MATCH', () => {
  let t: ReturnType<typeof tempIndex>;
  const search = (q: string, category: string | null = null) =>
    t.index.search(parseSearchQuery(q), { ...page, limit: 50, category }).hits.map((h) => [h.paperId, h.score]);

  beforeAll(() => {
    t = tempIndex();
    const topics = ['diffusion models for images', 'graph neural networks', 'diffusion of heat in metals'];
    t.index.upsert(
      Array.from({ length: 30 }, (_, i) =>
        makeDoc({
          paperId: i + 1,
          title: `${topics[i % 3]} ${i % 2 ? 'revisited' : ''}`,
          abstract: `We study ${topics[(i + 1) % 3]} and diffusion ${'again '.repeat(i % 4)}.`,
          categories: i % 3 === 0 ? ['cs.LG', 'stat.ML'] : i % 3 === 1 ? ['math.ST'] : ['cond-mat.mtrl-sci'],
        }),
      ),
    );
    // The phrase "cs lg" spans two codes here; only the exact category filter can tell.
    t.index.upsert([makeDoc({ paperId: 31, title: 'diffusion tricks', categories: ['q-bio.CS', 'LG.XX'] })]);
  });
  afterAll(() => t.dispose());

  it('returns exactly the unfiltered ranking restricted to the category, scores unchanged', () => {
    const inCategory = new Set(Array.from({ length: 30 }, (_, i) => i + 1).filter((id) => (id - 1) % 3 === 0));
    for (const q of ['diffusion', 'diffusion models', '"graph neural"', 'diffusion -heat']) {
      const expected = search(q).filter(([id]) => inCategory.has(id as number));
      expect(expected.length).toBeGreaterThan(0);
      expect(search(q, 'cs.LG')).toEqual(expected);
    }
    expect(search('diffusion', 'cs.LG').map(([id]) => id)).not.toContain(31);
    expect(search('diffusion cat:cond-mat.mtrl-sci').length).toBe(10);
  });
});
