// The real CLI in child processes: `dailypapers embed` killed with SIGKILL mid-run resumes without embedding a
// committed paper twice; a deleted index gets its embeddings back from the store; `models pull` installs from a
// loopback hub; missing configuration is a clear error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from '../../test/support/cli.js';
import { makePaper } from '../../test/support/papers.js';
import { openSearchIndex } from '../search/index.js';
import { openStore } from '../store/store.js';
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from './fake-embeddings-server.test-utils.js';
import { type FakeHub, startFakeHub } from './fake-hub.test-utils.js';
import { findModelSpec } from './models.js';
import { writeTinyModel } from './tiny-model/tiny-model.test-utils.js';

const PAPERS = 150;
const BATCH = 10;

function embeddedCount(dataDir: string): { embedded: number; total: number } {
  const index = openSearchIndex({ path: path.join(dataDir, 'search.db') });
  try {
    return index.embeddingStatus({ model: 'http:toy' });
  } finally {
    index.close();
  }
}

describe('dailypapers embed and models (the real CLI in a child process)', () => {
  let dir: string;
  let server: FakeEmbeddingsServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-embed-cli-'));
    const store = await openStore({ dataDir: path.join(dir, 'data') });
    await store.papers.upsertMany(
      Array.from({ length: PAPERS }, (_, i) => makePaper({ title: `Paper number ${i + 1} on cars` })),
    );
    await store.close();
    server = await startFakeEmbeddingsServer();
    env = {
      DAILYPAPERS_DATA: path.join(dir, 'data'),
      DAILYPAPERS_EMBEDDINGS_PROVIDER: 'http',
      DAILYPAPERS_EMBEDDINGS_HTTP_URL: server.baseUrl,
      DAILYPAPERS_EMBEDDINGS_HTTP_MODEL: 'toy',
      DAILYPAPERS_EMBEDDINGS_BATCH_SIZE: String(BATCH),
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL: committed batches stay, and no paper is embedded twice', async () => {
    server.holdAfter(4);
    const child = spawnCli(['embed'], env);
    // Batches are committed one by one, so when the 5th request is in flight the first 4 are stored.
    await server.waitForRequests(5);
    child.kill('SIGKILL');
    expect((await exitOf(child)).signal).toBe('SIGKILL');
    expect(embeddedCount(env.DAILYPAPERS_DATA!)).toEqual({ embedded: 4 * BATCH, total: PAPERS });

    server.release();
    const before = server.requests.length;
    const again = await runCli(['embed'], env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`embedded ${PAPERS - 4 * BATCH} papers with http:toy; ${PAPERS} of ${PAPERS}`);
    const resent = server.requests.slice(before).flatMap((r) => r.input);
    const firstRun = new Set(server.requests.slice(0, 4).flatMap((r) => r.input));
    expect(resent).toHaveLength(PAPERS - 4 * BATCH);
    expect(resent.filter((t) => firstRun.has(t))).toEqual([]);

    const third = await runCli(['embed'], env);
    expect(third.output).toContain('embedded 0 papers');
  }, 180_000);

  it('keeps embeddings in the store: a deleted index gets them back from `reindex` without embedding again', async () => {
    const data = env.DAILYPAPERS_DATA!;
    expect(embeddedCount(data)).toEqual({ embedded: PAPERS, total: PAPERS });
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(data, `search.db${suffix}`), { force: true });
    const before = server.requests.length;
    const rebuilt = await runCli(['reindex'], env);
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(rebuilt.output).toContain(`0 embeddings kept, ${PAPERS} copied from the store`);
    expect(embeddedCount(data)).toEqual({ embedded: PAPERS, total: PAPERS });
    expect((await runCli(['embed'], env)).output).toContain('embedded 0 papers');
    expect(server.requests.length).toBe(before);
  }, 180_000);

  it('refuses to embed without a provider, naming the setting', async () => {
    const result = await runCli(['embed'], { DAILYPAPERS_DATA: path.join(dir, 'data') });
    expect(result.code).toBe(2);
    expect(result.output).toContain('embeddings.provider');
  }, 180_000);

  describe('models', () => {
    let hub: FakeHub;
    beforeAll(async () => {
      writeTinyModel({ dir: path.join(dir, 'hub'), onnxFile: 'model_quantized.onnx' });
      hub = await startFakeHub({ repo: findModelSpec('all-MiniLM-L6-v2')!.repo, dir: path.join(dir, 'hub') });
    });
    afterAll(() => hub.close());

    it('pulls a model from the configured hub, lists it as installed and verifies it', async () => {
      const modelEnv = { DAILYPAPERS_DATA: path.join(dir, 'models-data'), DAILYPAPERS_EMBEDDINGS_HUB_URL: hub.url };
      const pulled = await runCli(['models', 'pull', 'all-MiniLM-L6-v2'], modelEnv);
      expect(pulled.code, pulled.output).toBe(0);
      expect(pulled.output).toContain(
        `all-MiniLM-L6-v2 installed in ${path.join(dir, 'models-data', 'models', 'all-MiniLM-L6-v2')}`,
      );
      const listed = await runCli(['models', 'list'], modelEnv);
      expect(listed.output).toMatch(/all-MiniLM-L6-v2 +384 dims +mean pooling +Apache-2\.0 +installed/);
      expect(listed.output).toMatch(/bge-small-en-v1\.5 .* not installed/);
      expect((await runCli(['models', 'verify', 'all-MiniLM-L6-v2'], modelEnv)).code).toBe(0);
      const unknown = await runCli(['models', 'pull', 'gpt-17'], modelEnv);
      expect(unknown.code).toBe(2);
      expect(unknown.output).toContain('known models: bge-small-en-v1.5, all-MiniLM-L6-v2');
    }, 180_000);
  });
});
