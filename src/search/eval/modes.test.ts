import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../../embeddings/fake-embeddings-server.test-utils.js';
import { createHttpProvider } from '../../embeddings/http-provider.js';
import { evaluateBeir } from './beir.js';

// Queries that name a concept with a word the relevant abstract does not contain (the toy embedding knows the
// synonyms), and queries whose words do appear: keyword search wins the second kind, semantic the first.
const CORPUS = [
  { _id: 'car', title: 'Driving cars', text: 'Self-driving cars in traffic.' },
  { _id: 'mix', title: 'Token blending', text: 'Interleaving tokens in a network layer.' },
  { _id: 'enz', title: 'Enzyme rates', text: 'Measuring enzymes in the lab.' },
  { _id: 'sun', title: 'Stellar flares', text: 'Flares on the sun and stellar winds.' },
  { _id: 'graph', title: 'Graph coloring', text: 'Coloring sparse graphs greedily.' },
  { _id: 'sort', title: 'Sorting networks', text: 'Comparator networks for sorting.' },
];
const QUERIES = [
  { _id: 'q1', text: 'automobile' },
  { _id: 'q2', text: 'mixer' },
  { _id: 'q3', text: 'protein' },
  { _id: 'q4', text: 'graph coloring' },
  { _id: 'q5', text: 'sorting networks' },
];
const QRELS = ['q1\tcar\t1', 'q2\tmix\t1', 'q3\tenz\t1', 'q4\tgraph\t1', 'q5\tsort\t1'];

describe('evaluation in every search mode', () => {
  let dir: string;
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-modes-'));
    mkdirSync(path.join(dir, 'qrels'));
    writeFileSync(path.join(dir, 'corpus.jsonl'), CORPUS.map((d) => JSON.stringify(d)).join('\n'));
    writeFileSync(path.join(dir, 'queries.jsonl'), QUERIES.map((q) => JSON.stringify(q)).join('\n'));
    writeFileSync(path.join(dir, 'qrels', 'test.tsv'), ['query-id\tcorpus-id\tscore', ...QRELS].join('\n'));
    server = await startFakeEmbeddingsServer();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures keyword, semantic and hybrid ranking through the real index, job and search code', async () => {
    const provider = createHttpProvider({ baseUrl: server.baseUrl, model: 'toy' });
    const keyword = await evaluateBeir({ datasetDir: dir });
    const semantic = await evaluateBeir({ datasetDir: dir, mode: 'semantic', provider });
    const hybrid = await evaluateBeir({
      datasetDir: dir,
      mode: 'hybrid',
      provider,
      fusion: { method: 'rrf', semanticWeight: 1 },
    });
    expect(keyword['ndcg@10']).toBeCloseTo(0.4, 4);
    expect(semantic['ndcg@10']).toBeGreaterThan(0.9);
    expect(hybrid['ndcg@10']).toBeGreaterThan(keyword['ndcg@10']);
    expect(hybrid.queries).toBe(5);
    // Every document and every judged query was embedded once.
    const embedded = server.requests.flatMap((r) => r.input);
    expect(embedded.filter((t) => t === 'automobile')).toHaveLength(2);
  });

  it('refuses semantic and hybrid modes without a provider, naming the setting', async () => {
    await expect(evaluateBeir({ datasetDir: dir, mode: 'hybrid' })).rejects.toThrow(/embeddings\.provider/);
  });
});
