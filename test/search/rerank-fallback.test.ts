// A configured reranker whose model file is corrupt must not break search: the page and the API answer
// 200 in BM25 order, and the operator reads exactly one warning, however many searches follow.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { storeChangeFeed } from '../../src/papers/search.usecases.js';
import { syncSearchIndex } from '../../src/search/index.js';
import { buildServices } from '../../src/services.js';
import { openStore } from '../../src/store/store.js';
import { buildServer } from '../../src/web/server.js';
import { makePaper } from '../support/papers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-rerank-web-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search with an unusable reranker model', () => {
  it('serves BM25 results with one logged warning, never a 500', { timeout: 120_000 }, async () => {
    const modelFile = path.join(dir, 'reranker.json');
    writeFileSync(modelFile, '{"format": "dailypapers-reranker", "version": 1, "kind": "lin');
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'warn' }, sink);
    const config = loadConfig({
      env: {
        DAILYPAPERS_SECRET: 'x'.repeat(40),
        DAILYPAPERS_SEARCH_RERANK: 'model',
        DAILYPAPERS_SEARCH_RERANK_MODEL: modelFile,
      },
      file: undefined,
    });
    const store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany([
      makePaper({ arxivId: '2406.70001', title: 'Sparse attention for long documents' }),
      makePaper({ arxivId: '2406.70002', title: 'Graph kernels revisited' }),
    ]);
    const services = await buildServices({ config, logger, store, searchIndexPath: ':memory:' });
    await syncSearchIndex({ index: services.search, fetchChanges: storeChangeFeed(store) });
    const app = await buildServer({ services, logger });
    try {
      for (const url of ['/search?q=sparse+attention', '/api/papers/search?q=sparse+attention', '/search?q=graph']) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
      }
      expect((await app.inject('/api/papers/search?q=sparse+attention')).body).toContain('2406.70001');
      const warnings = lines.filter((l) => l.level === 40 && /reranker model unusable/.test(l.msg));
      expect(warnings).toHaveLength(1);
    } finally {
      await app.close();
      services.search.close();
      await store.close();
    }
  });
});
