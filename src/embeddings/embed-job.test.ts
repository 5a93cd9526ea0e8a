import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDoc, tempIndex } from '../search/search.test-utils.js';
import { runEmbeddingJob } from './embed-job.js';
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from './fake-embeddings-server.test-utils.js';
import { createHttpProvider } from './http-provider.js';

const N = 45;

describe('embedding job', () => {
  let server: FakeEmbeddingsServer;
  let temp: ReturnType<typeof tempIndex>;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(() => server.close());
  afterEach(() => temp.dispose());

  const setup = () => {
    temp = tempIndex();
    temp.index.upsert(
      Array.from({ length: N }, (_, i) => makeDoc({ paperId: i + 1, title: `Paper ${i + 1}`, abstract: 'cars' })),
    );
    server.requests.length = 0;
    return {
      index: temp.index,
      provider: createHttpProvider({ baseUrl: server.baseUrl, model: 'toy', retryDelayMs: 1 }),
    };
  };

  it('embeds every paper exactly once with several batches in flight', async () => {
    const { index, provider } = setup();
    const progress: number[] = [];
    const result = await runEmbeddingJob({
      target: index,
      provider,
      batchSize: 4,
      concurrency: 3,
      onProgress: (p) => progress.push(p.embedded),
    });
    expect(result).toEqual({ embedded: N, batches: 12, interrupted: false });
    const sent = server.requests.flatMap((r) => r.input);
    expect(new Set(sent).size).toBe(N);
    expect(sent).toHaveLength(N);
    expect(progress.at(-1)).toBe(N);
    expect(index.embeddingStatus({ model: 'http:toy' })).toEqual({ embedded: N, total: N });
  });

  it('stops between batches when aborted and the next run embeds only the rest', async () => {
    const { index, provider } = setup();
    const controller = new AbortController();
    const first = await runEmbeddingJob({
      target: index,
      provider,
      batchSize: 10,
      signal: controller.signal,
      onProgress: (p) => p.embedded >= 20 && controller.abort(),
    });
    expect(first).toEqual({ embedded: 20, batches: 2, interrupted: true });
    const second = await runEmbeddingJob({ target: index, provider, batchSize: 10 });
    expect(second.embedded).toBe(N - 20);
    expect(server.requests.flatMap((r) => r.input)).toHaveLength(N);
  });

  it('keeps the batches committed before a provider failure and reports the failure', async () => {
    const { index, provider } = setup();
    let calls = 0;
    const failing = {
      id: provider.id,
      embed: async (input: Parameters<typeof provider.embed>[0]) => {
        if (++calls === 3) server.failNext([400]);
        return provider.embed(input);
      },
      close: async () => {},
    };
    await expect(runEmbeddingJob({ target: index, provider: failing, batchSize: 5 })).rejects.toThrow(/HTTP 400/);
    expect(index.embeddingStatus({ model: 'http:toy' }).embedded).toBe(10);
  });
});
