import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../bench/generate-snapshot.js';
import { exitOf, runCli, spawnCli } from './support/cli.js';
import { freePort } from './support/free-port.js';

// `serve` on a store with many papers and no search index yet (a new process on a big store): the first index sync
// must not hold the event loop. Asserts the order of events, never their timing: /healthz answered while /readyz
// still said "index catching up" with papers left to index, searches answered from what was indexed, then ready.

const PAPERS = 40_000;

interface Sample {
  health: boolean;
  ready: number;
  message: string;
  indexSeq: number;
  storeSeq: number;
  searchStatus: number;
  searchTotal: number;
}

describe('serve on a large store with an empty search index', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dp-catch-up-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('listens and answers /healthz while the index catches up, says so on /readyz with progress, then is ready', {
    timeout: 600_000,
  }, async () => {
    const data = path.join(dir, 'data');
    const snapshot = path.join(dir, 'snapshot.jsonl');
    await generateSnapshot({ lines: PAPERS, path: snapshot, seed: 7 });
    const imported = await runCli(['import', snapshot], { DAILYPAPERS_DATA: data });
    expect(imported.code, imported.output).toBe(0);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(data, `search.db${suffix}`), { force: true });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawnCli(['serve', '--no-demo', '--port', String(port)], {
      DAILYPAPERS_DATA: data,
      DAILYPAPERS_READINESS_MAX_INDEX_LAG: '500',
      DAILYPAPERS_RATE_LIMIT_ENABLED: 'false',
      DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
      DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
      DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
    });
    const samples: Sample[] = [];
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`serve exited: ${child.output()}`);
        const health = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!health) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const ready = await fetch(`${base}/readyz`);
        const check = (
          (await ready.json()) as { checks: { searchIndex: { message: string; indexSeq: number; storeSeq: number } } }
        ).checks.searchIndex;
        const search = await fetch(`${base}/api/v1/search?q=quantum&limit=5`);
        samples.push({
          health,
          ready: ready.status,
          message: check.message,
          indexSeq: check.indexSeq,
          storeSeq: check.storeSeq,
          searchStatus: search.status,
          searchTotal: search.ok ? ((await search.json()) as { total: number }).total : -1,
        });
        if (ready.status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child.kill('SIGTERM');
      await exitOf(child);
    }

    const first = samples[0]!;
    // The first answer came while most of the store was still unindexed, and /readyz said why it was not ready.
    expect(first.ready, JSON.stringify(first)).toBe(503);
    expect(first.message).toMatch(/^index catching up: \d+ store changes behind .*% indexed/);
    expect(first.indexSeq).toBeLessThan(first.storeSeq - 500);
    const catchingUp = samples.filter((s) => s.ready === 503);
    // Progress was visible: the index moved on between answers, and searches answered meanwhile.
    expect(new Set(catchingUp.map((s) => s.indexSeq)).size).toBeGreaterThan(1);
    expect(catchingUp.every((s) => s.searchStatus === 200)).toBe(true);
    expect(catchingUp.some((s) => s.searchTotal > 0)).toBe(true);
    const last = samples.at(-1)!;
    expect(last.ready).toBe(200);
    expect(last.indexSeq).toBeGreaterThanOrEqual(last.storeSeq - 500);
  });
});
