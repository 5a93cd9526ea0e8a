import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraph } from './hnsw-graph.js';
import { parseSearchQuery } from './query-parser.js';
import { makeDoc } from './search.test-utils.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-hnsw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function unit(i: number): Float32Array {
  const v = new Float32Array(16);
  v[i % 16] = 1;
  v[(i * 7) % 16]! += 0.5;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe('saved HNSW graph', () => {
  it('is saved after an embedding run and loaded back whole; another index or a damaged file is not loaded', async () => {
    const file = path.join(dir, 'search.db');
    const index = openSearchIndex({ path: file, vectors: { model: 'm', index: 'hnsw' } });
    index.upsert(Array.from({ length: 40 }, (_, i) => makeDoc({ paperId: i + 1, title: `paper ${i}` })));
    const pending = index.pendingEmbeddings({ model: 'm', afterPaperId: 0, limit: 100 });
    index.putVectors({
      model: 'm',
      items: pending.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: unit(p.paperId) })),
    });
    await index.refreshVectorIndex({ model: 'm' });
    index.close();
    const indexId = String(
      new Database(file, { readonly: true }).prepare("SELECT value FROM meta WHERE key = 'index_id'").pluck().get(),
    );
    const graph = loadGraph({ file: `${file}.hnsw`, model: 'm', indexId });
    expect(graph?.index.size()).toBe(40);
    expect(graph?.lastSeq).toBe(40);
    expect(loadGraph({ file: `${file}.hnsw`, model: 'm', indexId: 'another-index' })).toBeNull();
    expect(loadGraph({ file: `${file}.hnsw`, model: 'other-model', indexId })).toBeNull();
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['search.db.hnsw-40', 'search.db.hnsw.json']));
    writeFileSync(path.join(dir, 'search.db.hnsw-40'), 'garbage');
    expect(loadGraph({ file: `${file}.hnsw`, model: 'm', indexId })).toBeNull();
  });
});

describe('building the HNSW graph in the background', () => {
  it('answers completely while a worker builds the graph, then loads the saved graph', async () => {
    const file = path.join(dir, 'background.db');
    const open = (index: 'exact' | 'hnsw') => openSearchIndex({ path: file, vectors: { model: 'm', index } });
    const papers = 1_500;
    const index = open('hnsw');
    index.upsert(Array.from({ length: papers }, (_, i) => makeDoc({ paperId: i + 1, title: `paper ${i}` })));
    const pending = index.pendingEmbeddings({ model: 'm', afterPaperId: 0, limit: papers });
    index.putVectors({
      model: 'm',
      items: pending.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: unit(p.paperId) })),
    });
    const query = (i: SearchIndex) =>
      i
        .search(parseSearchQuery('paper'), {
          limit: 20,
          offset: 0,
          sort: 'relevance',
          semantic: { mode: 'semantic', model: 'm', vector: unit(3) },
        })
        .hits.map((h) => h.paperId);

    const duringBuild = query(index);
    expect(index.vectorIndexBuilding()).toBe(true);
    await index.refreshVectorIndex({ model: 'm' });
    expect(index.vectorIndexBuilding()).toBe(false);
    expect(readdirSync(dir)).toContain(`background.db.hnsw-${papers}`);
    const afterBuild = query(index);
    index.close();

    const exact = open('exact');
    const truth = query(exact);
    exact.close();
    expect(truth).toHaveLength(20);
    // unit(i) repeats every 16 papers, so every paper in the top 20 is as close as any other of its kind.
    expect(new Set(duringBuild)).toEqual(new Set(truth));
    expect(new Set(afterBuild)).toEqual(new Set(truth));
  });
});
