import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conceptEmbedding } from '../embeddings/concept-embedding.test-utils.js';
import { normalise } from '../embeddings/provider.js';
import { parseSearchQuery } from './query-parser.js';
import type { SearchDocument, SearchOptions } from './search.models.js';
import { makeDoc } from './search.test-utils.js';
import { type OpenSearchIndexOptions, openSearchIndex, type SearchIndex } from './search-index.js';

const MODEL = 'http:toy';
const embed = (text: string) => normalise(Float32Array.from(conceptEmbedding(text)));

const DOCS: SearchDocument[] = [
  makeDoc({
    paperId: 1,
    title: 'Cars that drive themselves',
    abstract: 'Autonomous vehicles on city roads.',
    categories: ['cs.RO'],
    publishedAt: '2021-05-01',
  }),
  makeDoc({
    paperId: 2,
    title: 'Automobile safety testing',
    abstract: 'Crash tests for an automobile fleet.',
    categories: ['cs.RO'],
    publishedAt: '2023-02-01',
  }),
  makeDoc({
    paperId: 3,
    title: 'Token mixing layers',
    abstract: 'MLP mixing of tokens in vision models.',
    categories: ['cs.CV'],
    publishedAt: '2023-03-01',
  }),
  makeDoc({
    paperId: 4,
    title: 'Enzyme kinetics',
    abstract: 'Protein catalysis rates measured in cells.',
    categories: ['q-bio.BM'],
    publishedAt: '2022-01-01',
  }),
  makeDoc({
    paperId: 5,
    title: 'Solar corona heating',
    abstract: 'Stellar atmospheres and the sun.',
    categories: ['astro-ph.SR'],
    publishedAt: '2020-01-01',
  }),
  makeDoc({
    paperId: 6,
    title: 'Vehicle routing with mixing constraints',
    abstract: 'Blending delivery cars and trucks.',
    categories: ['cs.DS'],
    publishedAt: '2024-01-01',
  }),
];

const opened: Array<{ index: SearchIndex; dir: string }> = [];
function open(extra: Partial<OpenSearchIndexOptions> = {}, dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-vec-'))) {
  const index = openSearchIndex({ path: path.join(dir, 'search.db'), vectors: { model: MODEL }, ...extra });
  opened.push({ index, dir });
  return { index, dir };
}
afterEach(() => {
  for (const { index, dir } of opened.splice(0)) {
    try {
      index.close();
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
});

function embedAll(index: SearchIndex) {
  const pending = index.pendingEmbeddings({ model: MODEL, afterPaperId: 0, limit: 100 });
  return index.putVectors({
    model: MODEL,
    items: pending.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: embed(p.text) })),
  });
}

const run = (
  index: SearchIndex,
  text: string,
  mode: 'semantic' | 'hybrid' | null,
  extra: Partial<SearchOptions> = {},
) =>
  index.search(parseSearchQuery(text), {
    limit: 10,
    offset: 0,
    sort: 'relevance',
    semantic: mode ? { mode, model: MODEL, vector: embed(text) } : null,
    ...extra,
  });
const ids = (r: { hits: Array<{ paperId: number }> }) => r.hits.map((h) => h.paperId);

describe('vectors in the search index', () => {
  it('lists papers without a current vector, stores vectors once, and re-lists a paper whose text changed', () => {
    const { index } = open();
    index.upsert(DOCS);
    expect(index.embeddingStatus({ model: MODEL })).toEqual({ embedded: 0, total: 6 });
    const pending = index.pendingEmbeddings({ model: MODEL, afterPaperId: 2, limit: 2 });
    expect(pending.map((p) => p.paperId)).toEqual([3, 4]);
    expect(pending[0]!.text).toBe('Token mixing layers\nMLP mixing of tokens in vision models.');
    expect(embedAll(index)).toBe(6);
    expect(index.pendingEmbeddings({ model: MODEL, afterPaperId: 0, limit: 100 })).toEqual([]);
    expect(index.embeddingStatus({ model: 'http:other' })).toEqual({ embedded: 0, total: 6 });
    index.upsert([{ ...DOCS[2]!, abstract: 'Now about something else.', changeSeq: 10 }]);
    expect(index.pendingEmbeddings({ model: MODEL, afterPaperId: 0, limit: 100 }).map((p) => p.paperId)).toEqual([3]);
    // The stale vector still serves until it is replaced.
    expect(ids(run(index, 'blending', 'semantic'))).toContain(3);
  });

  it('drops the vector of a removed paper and skips vectors for papers removed while they were embedded', () => {
    const { index } = open();
    index.upsert(DOCS);
    embedAll(index);
    index.upsert([{ ...DOCS[0]!, withdrawn: true, changeSeq: 20 }]);
    expect(index.embeddingStatus({ model: MODEL })).toEqual({ embedded: 5, total: 5 });
    expect(index.putVectors({ model: MODEL, items: [{ paperId: 1, textHash: 'x', vector: embed('car') }] })).toBe(0);
    expect(ids(run(index, 'automobile', 'semantic'))).not.toContain(1);
  });

  it('finds papers by meaning in semantic mode where keyword search finds none', () => {
    const { index } = open();
    index.upsert(DOCS);
    embedAll(index);
    const keyword = run(index, 'motorcar', null);
    expect(keyword.mode).toBe('keyword');
    expect(ids(keyword)).toEqual([]);
    const semantic = run(index, 'motorcar', 'semantic');
    expect(semantic.mode).toBe('semantic');
    expect(ids(semantic).slice(0, 3).sort()).toEqual([1, 2, 6]);
    expect(semantic.hits[0]!.highlightedTitle.length).toBeGreaterThan(0);
  });

  it('fuses keyword and semantic results in hybrid mode', () => {
    const { index } = open();
    index.upsert(DOCS);
    embedAll(index);
    const hybrid = run(index, 'automobile', 'hybrid');
    expect(hybrid.mode).toBe('hybrid');
    expect(ids(hybrid)[0]).toBe(2);
    expect(ids(hybrid)).toEqual(expect.arrayContaining([1, 6]));
    expect(hybrid.total).toBeGreaterThanOrEqual(3);
  });

  it('answers with keyword search when the index has no vectors of the requested model', () => {
    const { index } = open();
    index.upsert(DOCS);
    const r = index.search(parseSearchQuery('automobile'), {
      limit: 10,
      offset: 0,
      sort: 'relevance',
      semantic: { mode: 'semantic', model: 'http:unknown', vector: embed('automobile') },
    });
    expect(r.mode).toBe('keyword');
    expect(ids(r)).toEqual([2]);
  });

  for (const vectorIndex of ['exact', 'hnsw'] as const) {
    it(`applies filters and exclusions to semantic results (${vectorIndex})`, () => {
      const { index } = open({ vectors: { model: MODEL, index: vectorIndex } });
      index.upsert(DOCS);
      embedAll(index);
      expect(index.vectorIndexKind(MODEL)).toBe(vectorIndex);
      expect(ids(run(index, 'cars year:2022..', 'semantic')).sort()).toEqual([2, 3, 4, 6]);
      expect(ids(run(index, 'cars', 'semantic', { category: 'cs.RO' })).sort()).toEqual([1, 2]);
      expect(ids(run(index, 'cars -blending', 'semantic'))).not.toContain(6);
      expect(ids(run(index, 'cars', 'hybrid', { restrictTo: [4, 5] })).sort()).toEqual([4, 5]);
    });
  }

  it('saves the HNSW graph beside the index, reloads it, and adds vectors written later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-vec-'));
    const first = open({ vectors: { model: MODEL, index: 'hnsw' } }, dir).index;
    first.upsert(DOCS.slice(0, 4));
    embedAll(first);
    await first.refreshVectorIndex({ model: MODEL });
    expect(readdirSync(dir).filter((f) => f.startsWith('search.db.hnsw'))).toEqual([
      'search.db.hnsw-4',
      'search.db.hnsw.json',
    ]);
    first.close();
    const second = open({ vectors: { model: MODEL, index: 'hnsw' } }, dir).index;
    second.upsert(DOCS.slice(4));
    embedAll(second);
    expect(ids(run(second, 'sun', 'semantic'))[0]).toBe(5);
    expect(
      ids(run(second, 'automobile', 'semantic'))
        .slice(0, 3)
        .sort(),
    ).toEqual([1, 2, 6]);
  });

  it('uses the paper’s own vector for similar papers and falls back to more-like-this without one', () => {
    const { index } = open();
    index.upsert(DOCS);
    const text = index.paperText(2)!;
    const keywordOnly = index.similar({ text, paperId: 2, limit: 5 });
    expect(keywordOnly.map((h) => h.paperId)).not.toContain(1);
    embedAll(index);
    const fused = index.similar({ text, paperId: 2, limit: 5 });
    expect(fused.map((h) => h.paperId)).not.toContain(2);
    expect(
      fused
        .slice(0, 2)
        .map((h) => h.paperId)
        .sort(),
    ).toEqual([1, 6]);
    expect(fused.every((h) => h.arxivId.startsWith('2401.'))).toBe(true);
  });
});

describe('rebuilding the index', () => {
  it('keeps the vectors of papers whose text did not change', () => {
    const old = open().index;
    old.upsert(DOCS);
    embedAll(old);
    const oldFile = old.path;
    const fresh = open().index;
    fresh.upsert([...DOCS.slice(0, 5), { ...DOCS[5]!, abstract: 'A new abstract.' }]);
    expect(fresh.copyVectorsFrom({ file: oldFile })).toBe(5);
    expect(fresh.embeddingStatus({ model: MODEL })).toEqual({ embedded: 5, total: 6 });
    expect(fresh.pendingEmbeddings({ model: MODEL, afterPaperId: 0, limit: 10 }).map((p) => p.paperId)).toEqual([6]);
    expect(
      ids(run(fresh, 'motorcar', 'semantic'))
        .slice(0, 2)
        .sort(),
    ).toEqual([1, 2]);
  });
});

describe('filters on vector rankings', () => {
  it('give the same results through the exact scan and the HNSW graph, for every kind of filter', () => {
    const exact = open({ vectors: { model: MODEL, index: 'exact' } }).index;
    const graph = open({ vectors: { model: MODEL, index: 'hnsw' } }).index;
    for (const index of [exact, graph]) {
      index.upsert(DOCS.map((d) => ({ ...d, hasCode: d.paperId % 2 === 0 })));
      embedAll(index);
    }
    const queries = [
      'cars year:2023',
      'cars year:2021..2022',
      'cars year:..2021',
      'cars after:2022-06-01 before:2023-03-01',
      'cars has:code',
      'cars cat:cs.ro cat:cs.ds',
      'cars cat:cs.ro year:2023 -crash',
      'cars cat:nothing.here',
    ];
    for (const q of queries) {
      const a = ids(run(exact, q, 'semantic'));
      expect(ids(run(graph, q, 'semantic')), q).toEqual(a);
    }
    expect(ids(run(exact, 'cars year:2021..2022', 'semantic')).sort()).toEqual([1, 4]);
    expect(ids(run(exact, 'cars after:2022-06-01 before:2023-03-01', 'semantic'))).toEqual([2]);
    expect(ids(run(exact, 'cars cat:cs.ro cat:cs.ds', 'semantic')).sort()).toEqual([1, 2, 6]);
  });
});

describe('vector distance without the sqlite-vec binary', () => {
  it('computes the same cosine distances in JavaScript', async () => {
    const Database = (await import('better-sqlite3')).default;
    const sqliteVec = await import('sqlite-vec');
    const { registerJsDistance } = await import('./vector-store.js');
    const native = new Database(':memory:');
    sqliteVec.load(native);
    const js = new Database(':memory:');
    registerJsDistance(js);
    const a = Buffer.from(embed('cars on roads').buffer);
    const b = Buffer.from(embed('automobile safety').buffer);
    const sql = 'SELECT vec_distance_cosine(?, ?)';
    const expected = native.prepare(sql).pluck().get(a, b) as number;
    expect(js.prepare(sql).pluck().get(a, b) as number).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(0);
    expect(() => js.prepare(sql).pluck().get(a, Buffer.alloc(8))).toThrow(/lengths differ/);
  });
});
