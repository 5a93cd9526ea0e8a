import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSearchIndex, parseSearchQuery } from '../../src/search/index.js';
import { runCli } from '../support/cli.js';

const SAMPLE = new URL('../fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl', import.meta.url);

function searchCount(dataDir: string, text: string): number {
  const index = openSearchIndex({ path: path.join(dataDir, 'search.db') });
  try {
    return index.search(parseSearchQuery(text), { limit: 10, offset: 0, sort: 'relevance' }).total;
  } finally {
    index.close();
  }
}

describe('dailypapers reindex', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-reindex-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the search index from the store, also after the index file was deleted', async () => {
    const env = { DAILYPAPERS_DATA: dir };
    expect((await runCli(['import', SAMPLE.pathname], env)).code).toBe(0);
    const first = await runCli(['reindex'], env);
    expect(first.code, first.output).toBe(0);
    // Withdrawn papers are kept in the store but not offered by search.
    expect(first.output).toMatch(/search index rebuilt: 199 papers/);
    const hits = searchCount(dir, 'graph');
    expect(hits).toBeGreaterThan(0);

    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dir, `search.db${suffix}`), { force: true });
    const again = await runCli(['reindex'], env);
    expect(again.code, again.output).toBe(0);
    expect(searchCount(dir, 'graph')).toBe(hits);
  }, 180_000);
});
