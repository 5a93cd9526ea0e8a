import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { exitOf, runCli, spawnCli } from '../support/cli.js';

const SAMPLE = new URL('../fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl', import.meta.url);

/**
 * `lines` distinct papers derived from the 200 real records of the sample: the same fields under new-style ids
 * 2301.10000, 2301.10001, … — enough volume for a kill to land mid-import, with no data from outside the repository.
 */
function writeVolume(file: string, lines: number) {
  const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const out = Array.from({ length: lines }, (_, i) => {
    const row = JSON.parse(rows[i % rows.length]!) as { id: string };
    return JSON.stringify({ ...row, id: `2301.${10_000 + i}` });
  });
  writeFileSync(file, `${out.join('\n')}\n`);
}

async function paperCount(dataDir: string) {
  const store = await openStore({ dataDir });
  try {
    return { papers: await store.papers.count(), seq: await store.papers.maxChangeSeq() };
  } finally {
    await store.close();
  }
}

describe('dailypapers import (the real CLI in a child process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the real snapshot sample, and importing it again changes nothing', async () => {
    const data = path.join(dir, 'twice');
    const env = { DAILYPAPERS_DATA: data };
    const first = await runCli(['import', SAMPLE.pathname], env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('200 new');
    const after = await paperCount(data);
    expect(after.papers).toBe(200);
    const second = await runCli(['import', SAMPLE.pathname], env);
    expect(second.output).toContain('0 new, 0 updated, 200 unchanged');
    expect(await paperCount(data)).toEqual(after);
  }, 180_000);

  it('reports malformed lines with their numbers, skips them and counts them', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').split('\n').slice(0, 10);
    lines.splice(3, 0, '{"id": "0704.9999", "title": ');
    lines.splice(6, 0, 'not json at all');
    const file = path.join(dir, 'broken.jsonl');
    writeFileSync(file, lines.join('\n'));
    const result = await runCli(['import', file], { DAILYPAPERS_DATA: path.join(dir, 'broken') });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/line 4\b/);
    expect(result.output).toMatch(/line 7\b/);
    expect(result.output).toContain('2 malformed line(s) skipped');
    expect((await paperCount(path.join(dir, 'broken'))).papers).toBe(10);

    const strict = await runCli(['import', '--strict', file], { DAILYPAPERS_DATA: path.join(dir, 'strict') });
    expect(strict.code).not.toBe(0);
    expect(strict.output).toMatch(/line 4\b/);
  }, 180_000);

  it('refuses a file that is not JSON Lines with a clear error and writes nothing', async () => {
    const file = path.join(dir, 'papers.json');
    writeFileSync(file, JSON.stringify([{ id: '0704.0001', title: 'x' }], null, 2));
    const data = path.join(dir, 'refused');
    const result = await runCli(['import', file], { DAILYPAPERS_DATA: data });
    expect(result.code).not.toBe(0);
    expect(result.output.toLowerCase()).toContain('json lines');
    expect((await paperCount(data)).papers).toBe(0);
  }, 180_000);

  it('an import killed with SIGKILL keeps its committed batches and a re-run finishes without duplicates', async () => {
    const file = path.join(dir, 'big.jsonl');
    writeVolume(file, 40_000);
    const data = path.join(dir, 'killed');
    const env = { DAILYPAPERS_DATA: data, DAILYPAPERS_IMPORT_BATCH_SIZE: '500' };
    const child = spawnCli(['import', file], env);
    // Wait until some batches are committed (the checkpoint row exists), then kill without warning.
    const { openSqlite } = await import('../../src/store/database.js');
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const conn = openSqlite(path.join(data, 'dailypapers.db'));
        const row = conn.sqlite.prepare("SELECT value_json FROM checkpoints WHERE name LIKE 'import:%'").get() as
          | { value_json: string }
          | undefined;
        conn.sqlite.close();
        if (row && JSON.parse(row.value_json).lastLine >= 2000) break;
      } catch {
        // the database does not exist yet
      }
    }
    child.kill('SIGKILL');
    await exitOf(child);
    const partial = await paperCount(data);
    expect(partial.papers).toBeGreaterThan(0);
    expect(partial.papers).toBeLessThan(40_000);

    const resumed = await runCli(['import', file], env);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain('resuming after line');
    expect((await paperCount(data)).papers).toBe(40_000);
    // A copy of the same bytes under another name is a different checkpoint, but still imports as unchanged.
    copyFileSync(file, path.join(dir, 'big-copy.jsonl'));
    const again = await runCli(['import', path.join(dir, 'big-copy.jsonl')], env);
    expect(again.output).toContain('0 new, 0 updated, 40000 unchanged');
  }, 300_000);
});
