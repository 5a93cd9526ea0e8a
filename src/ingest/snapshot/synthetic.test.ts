// The benchmark generator must produce what the importer accepts, or benchmark numbers mean nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../../bench/generate-snapshot.js';
import { outsideData } from '../../../test/support/fixtures.js';
import { parseArxivRef } from '../../core/arxiv-id.js';
import type { Paper } from '../../core/paper.js';
import { importSnapshot } from './import.js';

const dir = mkdtempSync(join(tmpdir(), 'synthetic-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The benchmark generator draws on all of ../shared/data's arXiv samples (some without a stated licence), so its
// test reads them there, like the benchmarks.
const DATA = outsideData('arxiv-quantph-oaidc-processed');

describe.skipIf(DATA.missing)(`bench/generate-snapshot (${DATA.reason})`, () => {
  it('writes the same bytes for the same seed and different bytes for another', async () => {
    await generateSnapshot({ lines: 300, path: join(dir, 'a.jsonl'), seed: 7 });
    await generateSnapshot({ lines: 300, path: join(dir, 'b.jsonl'), seed: 7 });
    await generateSnapshot({ lines: 300, path: join(dir, 'c.jsonl'), seed: 8 });
    const [a, b, c] = ['a', 'b', 'c'].map((name) => readFileSync(join(dir, `${name}.jsonl`)));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
  });

  it('produces unique new-style ids that import with zero malformed lines, also gzipped', async () => {
    const path = join(dir, 'big.jsonl.gz');
    await generateSnapshot({ lines: 30_000, path, seed: 1 });
    const papers: Paper[] = [];
    const summary = await importSnapshot({
      path,
      upsertBatch: async (batch) => {
        papers.push(...batch);
        return { inserted: batch.length, updated: 0, unchanged: 0 };
      },
    });
    expect(summary).toMatchObject({ lines: 30_000, papers: 30_000, malformed: 0, duplicates: 0 });
    expect(papers[0]!.arxivId).toBe('2301.00001');
    expect(papers.at(-1)!.arxivId).toBe('2302.06000');
    expect(papers.every((p) => parseArxivRef(p.arxivId)?.id === p.arxivId && !p.arxivId.includes('/'))).toBe(true);
    expect(papers.every((p) => p.authors.length > 0 && p.title.length > 0 && p.abstract.length > 0)).toBe(true);
    expect(new Set(papers.map((p) => p.primaryCategory)).size).toBeGreaterThan(20);
    expect(papers.some((p) => p.versions.length > 1)).toBe(true);
    expect(papers.some((p) => p.links.length > 0)).toBe(true);
  });
});
