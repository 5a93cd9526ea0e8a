// `dailypapers eval --rerank …` through the real CLI: the stage is applied, bad values are refused with
// exit code 2, and a model that cannot be loaded is an error (a measurement must not quietly be BM25's).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-eval-rerank-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'qrels'));
writeFileSync(
  path.join(dir, 'corpus.jsonl'),
  [
    {
      _id: 'd1',
      title: 'Sparse models and attention',
      text: 'Sparse networks use attention; sparse codes, attention maps.',
    },
    { _id: 'd2', title: 'Long documents', text: 'We propose sparse attention for long inputs.' },
  ]
    .map((d) => JSON.stringify(d))
    .join('\n'),
);
writeFileSync(path.join(dir, 'queries.jsonl'), '{"_id":"q1","text":"sparse attention"}\n');
writeFileSync(path.join(dir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\td2\t1\n');
const env = { DAILYPAPERS_SECRET: 'x'.repeat(40), DAILYPAPERS_DATA: path.join(dir, 'data') };

describe('dailypapers eval --rerank', () => {
  it('measures each stage, refuses unknown stages and unusable models', { timeout: 180_000 }, async () => {
    const bm25 = await runCli(['eval', '--dataset', dir, '--json'], env);
    expect(bm25.code, bm25.output).toBe(0);
    // BM25 puts d1 (many mentions) first; a model weighing the ordered bigram "sparse attention" puts d2 first.
    expect(JSON.parse(bm25.output)['mrr@10']).toBe(0.5);
    const model = path.join(dir, 'bigram.json');
    writeFileSync(
      model,
      JSON.stringify({
        format: 'dailypapers-reranker',
        version: 1,
        kind: 'linear',
        features: ['orderedBigrams'],
        weights: [1],
        depth: 100,
        prf: { docs: 10, terms: 10, lambda: 0.5 },
        trainedOn: 'test',
      }),
    );
    const reranked = await runCli(['eval', '--dataset', dir, '--rerank', 'model', '--model', model, '--json'], env);
    expect(reranked.code, reranked.output).toBe(0);
    expect(JSON.parse(reranked.output)['mrr@10']).toBe(1);

    const bad = await runCli(['eval', '--dataset', dir, '--rerank', 'bert'], env);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--rerank must be off, prf or model');
    const missing = await runCli(
      ['eval', '--dataset', dir, '--rerank', 'model', '--model', path.join(dir, 'no.json')],
      env,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/reranker model unusable/);
  });
});
