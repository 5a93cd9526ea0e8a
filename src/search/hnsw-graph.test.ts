import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraph } from './hnsw-graph.js';
import { openSearchIndex } from './search-index.js';
import { makeDoc } from './testing.js';

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
  it('is saved after an embedding run and loaded back whole; another index or a damaged file is not loaded', () => {
    const file = path.join(dir, 'search.db');
    const index = openSearchIndex({ path: file, vectors: { model: 'm', index: 'hnsw' } });
    index.upsert(Array.from({ length: 40 }, (_, i) => makeDoc({ paperId: i + 1, title: `paper ${i}` })));
    const pending = index.pendingEmbeddings({ model: 'm', afterPaperId: 0, limit: 100 });
    index.putVectors({
      model: 'm',
      items: pending.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: unit(p.paperId) })),
    });
    index.refreshVectorIndex({ model: 'm' });
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
