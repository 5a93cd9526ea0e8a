// Parsing on the worker thread (parse-worker.ts) must change nothing but where the work runs: the same papers in
// the same batches, the same malformed lines with the same numbers and problems, the same checkpoints, the same
// stop and resume. The oracle is the main-thread path (parseInWorker: false), run on the same file. The file is
// several MiB so that it arrives in several read chunks and the worker runs chunks ahead of the writes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../core/paper.js';
import { type PaperImportRow, type PaperWriteRow, paperToImportRow, paperToRow } from '../../store/papers.mapping.js';
import type { SnapshotLineError } from './errors.js';
import { type ImportSnapshotOptions, importSnapshot } from './import.js';

const sampleLines = readFileSync(
  new URL('../../../test/fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.length > 0);
const dir = mkdtempSync(join(tmpdir(), 'snapshot-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 4,000 records (new-style ids, so each is distinct) with malformed, blank, duplicate and over-long lines among them.
const lines: string[] = [];
for (let i = 0; i < 4000; i++) {
  const record = JSON.parse(sampleLines[i % sampleLines.length]!);
  lines.push(JSON.stringify({ ...record, id: `2301.${String(i).padStart(5, '0')}` }));
  if (i % 997 === 5) lines.push('{"id":"2301.99999","title":');
  if (i % 1303 === 7) lines.push('');
  if (i % 1511 === 9) lines.push(JSON.stringify({ ...record, id: null }));
  if (i % 1733 === 11) lines.push(lines.at(-1)!.replace('"title":"', '"title":"Again: '));
  if (i === 2500) lines.push(JSON.stringify({ ...record, id: '2301.88888', abstract: 'x'.repeat(70_000) }));
}
const path = join(dir, 'mixed.jsonl');
writeFileSync(path, lines.join('\n'));

async function run(parseInWorker: boolean, extra: Partial<ImportSnapshotOptions> = {}) {
  const batches: Paper[][] = [];
  // The store rows the worker computes must be the ones the store would compute from the papers.
  const rows: PaperWriteRow[][] = [];
  const errors: Array<[number, string, string]> = [];
  const committed: number[] = [];
  const summary = await importSnapshot({
    path,
    batchSize: 700,
    maxLineBytes: 64 * 1024,
    parseInWorker,
    upsertBatch: async (papers, given) => {
      batches.push(papers);
      rows.push(given ?? papers.map(paperToRow));
      return { inserted: papers.length, updated: 0, unchanged: 0 };
    },
    onMalformed: (e: SnapshotLineError) => void errors.push([e.lineNumber, e.problem, e.message]),
    onBatchCommitted: ({ lastLine }) => void committed.push(lastLine),
    ...extra,
  }).catch((error: unknown) => ({ thrown: error }));
  const { durationMs: _, ...rest } = summary as { durationMs?: number };
  return { summary: rest, batches, rows, errors, committed };
}

describe('importSnapshot on a parse worker', () => {
  it('stores the same papers in the same batches and reports the same malformed lines as the main thread', async () => {
    const inline = await run(false);
    const worker = await run(true);
    expect(inline.summary).toMatchObject({ papers: 4000, malformed: 9, duplicates: 3 });
    expect(inline.errors.map((e) => e[1])).toContain('line_too_long');
    expect(worker).toEqual(inline);
  }, 120_000);

  it('gives the same results with two parse workers taking the chunks in turn', async () => {
    const inline = await run(false);
    const pool = await run(true, { parseWorkers: 2 });
    expect(pool).toEqual(inline);
  }, 120_000);

  it('hands upsertRows the rows paperToImportRow makes of the papers, on workers or not, in the same batches', async () => {
    const oracle = await run(false);
    for (const parseInWorker of [false, true]) {
      const batches: PaperImportRow[][] = [];
      const errors: number[] = [];
      const committed: number[] = [];
      const summary = await importSnapshot({
        path,
        batchSize: 700,
        maxLineBytes: 64 * 1024,
        parseInWorker,
        parseWorkers: 2,
        upsertRows: async (rows) => {
          batches.push(rows);
          return { inserted: rows.length, updated: 0, unchanged: 0 };
        },
        onMalformed: (e) => void errors.push(e.lineNumber),
        onBatchCommitted: ({ lastLine }) => void committed.push(lastLine),
      });
      const { durationMs: _, ...rest } = summary;
      expect(rest).toEqual(oracle.summary);
      expect(batches).toEqual(oracle.batches.map((papers) => papers.map(paperToImportRow)));
      expect(errors).toEqual(oracle.errors.map((e) => e[0]));
      expect(committed).toEqual(oracle.committed);
    }
  }, 120_000);

  it('refuses to start without exactly one of upsertBatch and upsertRows', async () => {
    await expect(importSnapshot({ path })).rejects.toThrow(/exactly one of upsertBatch and upsertRows/);
  });

  it('commits and throws at the same line in strict mode', async () => {
    const inline = await run(false, { strict: true });
    const worker = await run(true, { strict: true });
    expect((inline.summary as { thrown?: SnapshotLineError }).thrown?.lineNumber).toBe(7);
    expect(worker).toEqual(inline);
  }, 120_000);

  it('stops at the same line when aborted and resumes from there to the same end', async () => {
    for (const parseInWorker of [false, true]) {
      const controller = new AbortController();
      let calls = 0;
      const first = await run(parseInWorker, {
        signal: controller.signal,
        upsertBatch: async (papers) => {
          if (++calls === 3) controller.abort();
          return { inserted: papers.length, updated: 0, unchanged: 0 };
        },
      });
      expect(first.summary).toMatchObject({ aborted: true, papers: 2100 });
      const lastLine = first.committed.at(-1)!;
      const rest = await run(parseInWorker, { resumeFromLine: lastLine + 1 });
      const whole = await run(false);
      expect(rest.summary).toMatchObject({ skippedByResume: lastLine, aborted: false });
      expect(rest.batches.flat().map((p) => p.arxivId)).toEqual(
        whole.batches
          .flat()
          .map((p) => p.arxivId)
          .slice(2100),
      );
    }
  }, 120_000);
});
