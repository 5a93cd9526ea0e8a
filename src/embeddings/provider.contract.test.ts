// One contract for every embedding provider: the onnx provider on the generated tiny model, the same behind
// worker threads, and the http provider against a loopback OpenAI-compatible server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEmbeddingsServer } from './fake-embeddings-server.test-utils.js';
import { createHttpProvider } from './http-provider.js';
import { createOnnxProvider } from './onnx-provider.js';
import { dot, type EmbeddingProvider } from './provider.js';
import { installTinyModel, tinySpec } from './tiny-installed.test-utils.js';
import { createWorkerProvider } from './worker-pool.js';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-models-'));
installTinyModel({ modelsDir, spec: tinySpec({ name: 'tiny-contract' }) });

interface Factory {
  name: string;
  open(): Promise<{ provider: EmbeddingProvider; dispose(): Promise<void> }>;
}

const factories: Factory[] = [
  {
    name: 'onnx (tiny model)',
    async open() {
      const provider = await createOnnxProvider({ modelsDir, model: 'tiny-contract', threads: 1 });
      return { provider, dispose: () => provider.close() };
    },
  },
  {
    name: 'onnx on a worker thread',
    async open() {
      const provider = createWorkerProvider({
        options: { kind: 'onnx', modelsDir, model: 'tiny-contract', threads: 1 },
        workers: 1,
      });
      return { provider, dispose: () => provider.close() };
    },
  },
  {
    name: 'http (loopback OpenAI-compatible server)',
    async open() {
      const server = await startFakeEmbeddingsServer();
      const provider = createHttpProvider({ baseUrl: server.baseUrl, model: 'toy', batchSize: 3 });
      return { provider, dispose: () => server.close() };
    },
  },
];

const TEXTS = [
  'State space models for long sequences',
  'Mixup: beyond empirical risk minimization',
  'A turbulent mixing layer in the solar corona',
  'Mixup: beyond empirical risk minimization',
];

afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe.each(factories)('embedding provider contract: $name', (factory) => {
  let provider: EmbeddingProvider;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ provider, dispose } = await factory.open());
  });
  afterAll(() => dispose());

  it('returns one unit-length vector per text, all of one length', async () => {
    const vectors = await provider.embed({ texts: TEXTS, kind: 'document' });
    expect(vectors).toHaveLength(TEXTS.length);
    const dims = vectors[0]!.length;
    expect(dims).toBeGreaterThan(1);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(dims);
      expect(dot(v, v)).toBeCloseTo(1, 4);
    }
  });

  it('keeps input order: equal texts get equal vectors and different texts different ones', async () => {
    const [a, b, c, d] = await provider.embed({ texts: TEXTS, kind: 'document' });
    expect(dot(b!, d!)).toBeCloseTo(1, 5);
    expect(dot(a!, b!)).toBeLessThan(0.999);
    expect(dot(b!, c!)).toBeLessThan(0.999);
  });

  it('gives a text the same vector alone as inside a batch of longer texts', async () => {
    const [alone] = await provider.embed({ texts: [TEXTS[1]!], kind: 'document' });
    const batch = await provider.embed({ texts: [TEXTS[2]!, TEXTS[1]!, 'x '.repeat(300)], kind: 'document' });
    expect(dot(alone!, batch[1]!)).toBeCloseTo(1, 5);
  });

  it('embeds an empty text, a 10 kB text and a batch of none without failing', async () => {
    expect(await provider.embed({ texts: [], kind: 'document' })).toEqual([]);
    const [empty, long] = await provider.embed({ texts: ['', '🙂 mixing '.repeat(1000)], kind: 'query' });
    expect(empty!.every(Number.isFinite)).toBe(true);
    expect(dot(long!, long!)).toBeCloseTo(1, 4);
  });

  it('names its vector space after the provider and model', () => {
    expect(provider.id).toMatch(/^(onnx|http):[\w.-]+$/);
  });
});
