// The store is written concurrently by the lead, so these tests use a Map-backed upsert as a stand-in
// for it; the importer's contract with the store is exactly that function.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../core/paper.js';
import { NotJsonLinesError, type SnapshotLineError, SnapshotReadError } from './errors.js';
import { importSnapshot } from './import.js';

const samplePath = new URL(
  '../../../test/fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl',
  import.meta.url,
);
const sample = readFileSync(samplePath, 'utf8');
const sampleLines = sample.split('\n').filter((l) => l.length > 0);
const dir = mkdtempSync(join(tmpdir(), 'snapshot-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `input-${fileCount++}`);
  writeFileSync(path, content);
  return path;
}

function memoryStore() {
  const papers = new Map<string, Paper>();
  const batches: string[][] = [];
  const upsertBatch = async (batch: Paper[]) => {
    batches.push(batch.map((p) => p.arxivId));
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const paper of batch) {
      const old = papers.get(paper.arxivId);
      if (!old) counts.inserted++;
      else if (JSON.stringify(old) === JSON.stringify(paper)) counts.unchanged++;
      else counts.updated++;
      papers.set(paper.arxivId, paper);
    }
    return counts;
  };
  return { papers, batches, upsertBatch };
}

const withLine = (id: string, patch: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(sampleLines.find((l) => l.includes(`"id":"${id}"`))!), ...patch });

describe('importSnapshot', () => {
  it('imports all 200 sample papers in batches and reports counts and progress', async () => {
    const store = memoryStore();
    const progress: number[] = [];
    const summary = await importSnapshot({
      path: samplePath.pathname,
      upsertBatch: store.upsertBatch,
      batchSize: 64,
      onProgress: (p) => progress.push(p.bytesRead / p.totalBytes),
    });
    expect(summary).toMatchObject({ lines: 200, papers: 200, inserted: 200, malformed: 0, aborted: false });
    expect(store.batches.map((b) => b.length)).toEqual([64, 64, 64, 8]);
    expect(store.papers.get('0704.0001')!.authors[0]!.name).toBe('C. Balázs');
    expect(progress.at(-1)).toBe(1);
  });

  it('leaves a second import of the same file to the store, which reports everything unchanged', async () => {
    const store = memoryStore();
    await importSnapshot({ path: samplePath.pathname, upsertBatch: store.upsertBatch });
    const again = await importSnapshot({ path: samplePath.pathname, upsertBatch: store.upsertBatch });
    expect(again).toMatchObject({ papers: 200, inserted: 0, updated: 0, unchanged: 200 });
  });

  it('reads gzip transparently, recognised by its magic bytes rather than the file name', async () => {
    const store = memoryStore();
    const summary = await importSnapshot({ path: file(gzipSync(sample)), upsertBatch: store.upsertBatch });
    expect(summary.papers).toBe(200);
    expect(store.papers.get('0704.0002')!.categories).toEqual(['math.CO', 'cs.CG']);
  });

  it('reports malformed lines with their numbers and imports the rest', async () => {
    const lines = [
      sampleLines[0],
      '{"id":"0704.0002","title":',
      withLine('0704.0003', { id: null }),
      withLine('0704.0004', { id: 'astro-ph' }),
      '',
      sampleLines[4],
      sampleLines[5]!.slice(0, 120),
    ];
    const store = memoryStore();
    const errors: SnapshotLineError[] = [];
    const summary = await importSnapshot({
      path: file(lines.join('\n')),
      upsertBatch: store.upsertBatch,
      onMalformed: (e) => errors.push(e),
    });
    expect(errors.map((e) => [e.lineNumber, e.problem])).toEqual([
      [2, 'not_json'],
      [3, 'missing_id'],
      [4, 'bad_id'],
      [7, 'not_json'],
    ]);
    expect(summary).toMatchObject({ lines: 7, papers: 2, malformed: 4 });
    expect([...store.papers.keys()]).toEqual(['0704.0001', '0704.0005']);
  });

  it('in strict mode commits the lines before the first malformed one and then throws it', async () => {
    const store = memoryStore();
    const committed: number[] = [];
    const run = importSnapshot({
      path: file([sampleLines[0], sampleLines[1], 'oops', sampleLines[3]].join('\n')),
      upsertBatch: store.upsertBatch,
      strict: true,
      onBatchCommitted: (info) => void committed.push(info.lastLine),
    });
    await expect(run).rejects.toMatchObject({ name: 'SnapshotLineError', lineNumber: 3 });
    expect(store.papers.size).toBe(2);
    expect(committed).toEqual([2]);
  });

  it('reports a line longer than the cap as malformed without buffering it', async () => {
    const long = withLine('0704.0002', { abstract: 'x'.repeat(5000) });
    const errors: SnapshotLineError[] = [];
    const summary = await importSnapshot({
      path: file([sampleLines[0], long, sampleLines[2]].join('\n')),
      upsertBatch: memoryStore().upsertBatch,
      maxLineBytes: 4096,
      onMalformed: (e) => errors.push(e),
    });
    expect(summary).toMatchObject({ papers: 2, malformed: 1 });
    expect(errors[0]).toMatchObject({ lineNumber: 2, problem: 'line_too_long' });
  });

  it('accepts CRLF line endings and a byte-order mark', async () => {
    const summary = await importSnapshot({
      path: file(`\uFEFF${sampleLines.slice(0, 3).join('\r\n')}\r\n`),
      upsertBatch: memoryStore().upsertBatch,
    });
    expect(summary).toMatchObject({ papers: 3, malformed: 0 });
  });

  it('keeps the newer of two records with the same id in one batch', async () => {
    const store = memoryStore();
    const older = withLine('0704.0001', { versions: [{ version: 'v1', created: 'Mon, 2 Apr 2007 19:18:42 GMT' }] });
    const retitled = withLine('0704.0002', { title: 'Second title' });
    const lines = [sampleLines[0], older, sampleLines[1], retitled];
    const summary = await importSnapshot({ path: file(lines.join('\n')), upsertBatch: store.upsertBatch });
    expect(summary).toMatchObject({ papers: 2, duplicates: 2 });
    expect(store.batches).toEqual([['0704.0001', '0704.0002']]);
    expect(store.papers.get('0704.0001')!.version).toBe(2);
    expect(store.papers.get('0704.0002')!.title).toBe('Second title');
  });

  it('parses the next batch while the previous one is being written, committing batches in order', async () => {
    const store = memoryStore();
    let sawMalformed: () => void = () => {};
    const malformed = new Promise<void>((resolve) => {
      sawMalformed = resolve;
    });
    let parsedAheadDuringFirstWrite = false;
    const committed: number[] = [];
    const lines = [...sampleLines.slice(0, 7), 'not json', ...sampleLines.slice(7, 20)];
    await importSnapshot({
      path: file(lines.join('\n')),
      batchSize: 5,
      upsertBatch: async (batch) => {
        if (store.batches.length === 0) {
          const ahead = await Promise.race([
            malformed.then(() => true),
            new Promise((r) => setTimeout(r, 2000, false)),
          ]);
          parsedAheadDuringFirstWrite = ahead === true;
        }
        return store.upsertBatch(batch);
      },
      onMalformed: () => sawMalformed(),
      onBatchCommitted: (info) => void committed.push(info.lastLine),
    });
    expect(parsedAheadDuringFirstWrite).toBe(true);
    expect(committed).toEqual([5, 11, 16, 21, 21]);
    expect(store.papers.size).toBe(20);
  });

  it('fails the import when a batch written in the background fails, keeping earlier batches', async () => {
    const store = memoryStore();
    const boom = new Error('constraint violated');
    const committed: number[] = [];
    const run = importSnapshot({
      path: samplePath.pathname,
      batchSize: 50,
      upsertBatch: (batch) => (store.batches.length === 1 ? Promise.reject(boom) : store.upsertBatch(batch)),
      onBatchCommitted: (info) => void committed.push(info.lastLine),
    });
    await expect(run).rejects.toBe(boom);
    expect(committed).toEqual([50]);
    expect(store.papers.size).toBe(50);
  });

  it('propagates a store failure unchanged', async () => {
    const boom = new Error('disk full');
    const run = importSnapshot({ path: samplePath.pathname, upsertBatch: () => Promise.reject(boom) });
    await expect(run).rejects.toBe(boom);
  });
});

describe('importSnapshot refuses files that are not JSON Lines before writing anything', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['a JSON array', `[\n${sampleLines.slice(0, 2).join(',\n')}\n]`, /JSON array/],
    [
      'XML',
      readFileSync(new URL('../arxiv-rss/rss.arxiv.org_rss_cs.CL.2026-08-01.weekend-empty.xml', samplePath)),
      /XML/,
    ],
    ['CSV', 'id,title\n0704.0001,Calculation\n', /not a JSON object: "id,title"/],
    ['binary data', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x0a, 0x7b]), /binary/],
    ['a pretty-printed JSON object', JSON.stringify(JSON.parse(sampleLines[0]!), null, 2), /pretty-printed/],
    ['another JSON Lines format', '{"_id":"4983","title":"Microstructural development","text":"x"}\n', /no arXiv "id"/],
  ];
  for (const [what, content, message] of cases) {
    it(`refuses ${what}`, async () => {
      const store = memoryStore();
      const run = importSnapshot({ path: file(content), upsertBatch: store.upsertBatch });
      await expect(run).rejects.toThrow(NotJsonLinesError);
      await expect(importSnapshot({ path: file(content), upsertBatch: store.upsertBatch })).rejects.toThrow(message);
      expect(store.batches).toEqual([]);
    });
  }

  it('treats an empty or blank file as zero papers, not an error', async () => {
    for (const content of ['', '\n\n  \n']) {
      const summary = await importSnapshot({ path: file(content), upsertBatch: memoryStore().upsertBatch });
      expect(summary).toMatchObject({ papers: 0, malformed: 0 });
    }
  });

  it('raises a read error for a truncated gzip file after committing the complete lines', async () => {
    const gz = gzipSync(sample);
    const store = memoryStore();
    const run = importSnapshot({ path: file(gz.subarray(0, gz.length - 2000)), upsertBatch: store.upsertBatch });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotReadError);
    expect(store.papers.size).toBeGreaterThan(0);
    expect(store.papers.size).toBe((error as SnapshotReadError).lineNumber);
  });
});

describe('importSnapshot interruption and resume', () => {
  it('stops after the batch in flight commits when aborted, then resumes from the next line', async () => {
    const store = memoryStore();
    const controller = new AbortController();
    let lastLine = 0;
    const first = await importSnapshot({
      path: samplePath.pathname,
      upsertBatch: async (batch) => {
        controller.abort();
        return store.upsertBatch(batch);
      },
      batchSize: 50,
      signal: controller.signal,
      onBatchCommitted: (info) => {
        lastLine = info.lastLine;
      },
    });
    expect(first).toMatchObject({ aborted: true, papers: 50, lines: 50 });
    expect(lastLine).toBe(50);
    expect(store.batches).toEqual([sampleLines.slice(0, 50).map((l) => JSON.parse(l).id)]);

    const second = await importSnapshot({
      path: samplePath.pathname,
      upsertBatch: store.upsertBatch,
      batchSize: 50,
      resumeFromLine: lastLine + 1,
    });
    expect(second).toMatchObject({ aborted: false, skippedByResume: 50, papers: 150, inserted: 150, lines: 200 });
    expect(store.papers.size).toBe(200);
  });

  it('does nothing when the signal is already aborted', async () => {
    const store = memoryStore();
    const summary = await importSnapshot({
      path: samplePath.pathname,
      upsertBatch: store.upsertBatch,
      signal: AbortSignal.abort(),
    });
    expect(summary).toMatchObject({ aborted: true, papers: 0 });
    expect(store.batches).toEqual([]);
  });

  it('resumes past a malformed first line without refusing the file', async () => {
    const summary = await importSnapshot({
      path: file(['not json', ...sampleLines.slice(0, 3)].join('\n')),
      upsertBatch: memoryStore().upsertBatch,
      resumeFromLine: 2,
    });
    expect(summary).toMatchObject({ papers: 3, skippedByResume: 1, malformed: 0 });
  });
});
