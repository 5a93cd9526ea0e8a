import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from './fake-embeddings-server.test-utils.js';
import { createHttpProvider } from './http-provider.js';
import { dot } from './provider.js';

describe('http embedding provider', () => {
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(() => server.close());

  it('sends the model, the bearer token and the query prefix, in batches of the configured size', async () => {
    const provider = createHttpProvider({
      baseUrl: server.baseUrl,
      model: 'toy',
      apiKey: 'k3y',
      batchSize: 2,
      queryPrefix: 'query: ',
    });
    const before = server.requests.length;
    await provider.embed({ texts: ['a', 'b', 'c'], kind: 'query' });
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.input)).toEqual([['query: a', 'query: b'], ['query: c']]);
    expect(sent.every((r) => r.model === 'toy' && r.authorization === 'Bearer k3y')).toBe(true);
  });

  it('finds a synonym the words do not share (the toy server embeds concepts)', async () => {
    const provider = createHttpProvider({ baseUrl: server.baseUrl, model: 'toy' });
    const [query, cars, proteins] = await provider.embed({
      texts: ['automobile', 'cars and vehicles', 'enzymes'],
      kind: 'document',
    });
    expect(dot(query!, cars!)).toBeGreaterThan(0.9);
    expect(dot(query!, proteins!)).toBeLessThan(0.1);
  });

  it('retries a 503 and a 429, then succeeds', async () => {
    const provider = createHttpProvider({ baseUrl: server.baseUrl, model: 'toy', retryDelayMs: 1 });
    server.failNext([503, 429]);
    const vectors = await provider.embed({ texts: ['mixing'], kind: 'document' });
    expect(vectors).toHaveLength(1);
  });

  it('fails at once on a 400 with the status and the server message', async () => {
    const provider = createHttpProvider({ baseUrl: server.baseUrl, model: 'toy', retryDelayMs: 1 });
    server.failNext([400]);
    const before = server.requests.length;
    await expect(provider.embed({ texts: ['x'], kind: 'document' })).rejects.toThrow(/HTTP 400: .*failing on purpose/);
    expect(server.requests.length - before).toBe(1);
  });

  it('rejects answers with a wrong count, a wrong length or non-numbers', async () => {
    const cases: Array<[(t: string) => number[], RegExp]> = [
      [(t) => (t === 'b' ? [1, 2] : [1, 2, 3]), /2 dimensions, earlier ones 3/],
      [() => [1, Number.NaN], /not a list of finite numbers/],
    ];
    for (const [embed, error] of cases) {
      const odd = await startFakeEmbeddingsServer({ embed });
      const provider = createHttpProvider({ baseUrl: odd.baseUrl, model: 'toy' });
      await expect(provider.embed({ texts: ['a', 'b'], kind: 'document' })).rejects.toThrow(error);
      await odd.close();
    }
  });

  it('names the endpoint when nothing listens there', async () => {
    const provider = createHttpProvider({ baseUrl: 'http://127.0.0.1:9/v1', model: 'toy', retryDelayMs: 1 });
    await expect(provider.embed({ texts: ['x'], kind: 'document' })).rejects.toMatchObject({
      code: 'embeddings.http_unreachable',
      message: expect.stringContaining('http://127.0.0.1:9/v1/embeddings'),
    });
  });
});
