import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideData } from '../../../test/support/fixtures.js';
import { openSearchIndex, type SearchIndex } from '../search-index.js';
import { evaluateBeir, indexBeirCorpus, scoreBeir } from './beir.js';

// An evaluation: SciFact is CC BY-NC 2.0, so it is never copied into the repository; it is read from ../shared/data.
const SCIFACT_DATA = outsideData('beir-scifact');
const SCIFACT = SCIFACT_DATA.path;

function writeDataset(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-beir-'));
  mkdirSync(path.join(dir, 'qrels'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('BEIR evaluation', () => {
  it('scores a tiny dataset through the real index and search', async () => {
    const dir = writeDataset({
      'corpus.jsonl': [
        { _id: 'd1', title: 'Token mixing', text: 'MLP token mixing layers.' },
        { _id: 'd2', title: 'Mixup', text: 'Data augmentation by mixing images.' },
        { _id: 'd3', title: 'Solar physics', text: 'A turbulent layer in the corona.' },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
      'queries.jsonl':
        '{"_id":"q1","text":"token mixing layers"}\n{"_id":"q2","text":"turbulent corona"}\n{"_id":"q3","text":"unjudged"}\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n',
    });
    expect(await evaluateBeir({ datasetDir: dir, split: 'test' })).toEqual({
      'ndcg@10': 1,
      'recall@100': 1,
      'mrr@10': 1,
      queries: 2,
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the file and line of malformed input', async () => {
    const dir = writeDataset({
      'corpus.jsonl': '{"_id":"d1","title":"x","text":"y"}\n{not json\n',
      'queries.jsonl': '',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n',
    });
    await expect(evaluateBeir({ datasetDir: dir })).rejects.toThrow(/corpus\.jsonl:2: not valid JSON/);
    await expect(evaluateBeir({ datasetDir: path.join(dir, 'missing') })).rejects.toThrow(/not found/);
    rmSync(dir, { recursive: true, force: true });
  });

  describe.skipIf(SCIFACT_DATA.missing)(`on SciFact (${SCIFACT_DATA.reason})`, () => {
    let dir: string;
    let index: SearchIndex;
    // Indexing 5,183 abstracts and scoring 300 queries run synchronously: 46.6 s were seen on a loaded 2-core
    // machine, so both get room well beyond that.
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-scifact-'));
      index = openSearchIndex({ path: path.join(dir, 'search.db') });
      indexBeirCorpus({ datasetDir: SCIFACT, index });
    }, 300_000);
    afterAll(() => {
      index.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reaches nDCG@10 ≥ 0.69 on the test split in keyword mode', { timeout: 300_000 }, () => {
      const m = scoreBeir({ datasetDir: SCIFACT, index, split: 'test' });
      expect(m.queries).toBe(300);
      expect(m['ndcg@10']).toBeGreaterThanOrEqual(0.69);
      expect(m['recall@100']).toBeGreaterThanOrEqual(0.9);
    });
  });
});
