import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from './fake-embeddings-server.test-utils.js';
import { createQueryEmbedder, NO_MODEL_REASON } from './query-embedder.js';

const logger = pino({ level: 'silent' });

describe('query embedder', () => {
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(() => server.close());

  it('says why there is no semantic search when no provider is configured', async () => {
    const embedder = createQueryEmbedder({ options: null, logger });
    expect(embedder.model).toBeNull();
    expect(embedder.unavailableReason()).toBe(NO_MODEL_REASON);
    expect(await embedder.embedQuery('cars')).toBeNull();
  });

  it('embeds a repeated query once, and queries and documents separately', async () => {
    const embedder = createQueryEmbedder({
      options: { kind: 'http', baseUrl: server.baseUrl, model: 'toy', queryPrefix: 'q: ' },
      logger,
    });
    const before = server.requests.length;
    const a = await embedder.embedQuery('Cars ');
    const b = await embedder.embedQuery('cars');
    await embedder.embedDocument('cars');
    expect(a).toBe(b);
    expect(server.requests.slice(before).map((r) => r.input)).toEqual([['q: Cars '], ['cars']]);
    expect(embedder.model).toBe('http:toy');
  });

  it('answers null with the reason when the model cannot be loaded, and null on a failed request', async () => {
    const broken = createQueryEmbedder({
      options: { kind: 'onnx', modelsDir: '/nonexistent', model: 'bge-small-en-v1.5', threads: 1 },
      logger,
    });
    expect(await broken.embedQuery('cars')).toBeNull();
    expect(broken.unavailableReason()).toMatch(/could not be loaded: .*not installed/);
    const flaky = createQueryEmbedder({
      options: { kind: 'http', baseUrl: server.baseUrl, model: 'toy', retryDelayMs: 1 },
      logger,
    });
    server.failNext([400]);
    expect(await flaky.embedQuery('cars')).toBeNull();
    expect(flaky.unavailableReason()).toBeNull();
    expect(await flaky.embedQuery('cars')).not.toBeNull();
  });
});
