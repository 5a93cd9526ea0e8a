// The built CLI (`npm run build`, then bin/dailypapers.js) runs a command whose work is on worker threads —
// `embed`, whose provider runs in a worker pool — from an install that has no tsx: the worker plumbing of dist/
// must not look for the dev dependency (core/worker-threads.ts). The install is dist/ copied beside links to
// every package of node_modules except tsx, so resolving tsx from it fails as on a production install.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../src/embeddings/fake-embeddings-server.test-utils.js';
import { openStore } from '../src/store/store.js';
import { makePaper } from './support/papers.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PAPERS = 30;

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DAILYPAPERS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('the built CLI on worker threads, installed without dev dependencies', () => {
  let dir: string;
  let install: string;
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/cli/main.js')))
      throw new Error('dist/ is missing: run `npm run build` first (npm ci does it)');
    dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-built-cli-'));
    install = path.join(dir, 'install');
    mkdirSync(path.join(install, 'node_modules'), { recursive: true });
    cpSync(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(install, 'package.json'));
    for (const folder of ['migrations', 'demo', 'public', 'ranking'])
      if (existsSync(path.join(ROOT, folder))) symlinkSync(path.join(ROOT, folder), path.join(install, folder));
    for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name === 'tsx' || name.startsWith('.')) continue;
      symlinkSync(path.join(ROOT, 'node_modules', name), path.join(install, 'node_modules', name));
    }
    const store = await openStore({ dataDir: path.join(dir, 'data') });
    await store.papers.upsertMany(
      Array.from({ length: PAPERS }, (_, i) => makePaper({ title: `Paper ${i + 1} on cars` })),
    );
    await store.close();
    server = await startFakeEmbeddingsServer();
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`embed` embeds every paper on its worker threads, and tsx cannot be found from the install', async () => {
    const resolveFromDist = createRequire(path.join(install, 'dist/core/worker-threads.js'));
    expect(() => resolveFromDist.resolve('tsx/package.json')).toThrow();
    const result = await runNode([path.join(install, 'bin/dailypapers.js'), 'embed'], {
      DAILYPAPERS_DATA: path.join(dir, 'data'),
      DAILYPAPERS_EMBEDDINGS_PROVIDER: 'http',
      DAILYPAPERS_EMBEDDINGS_HTTP_URL: server.baseUrl,
      DAILYPAPERS_EMBEDDINGS_HTTP_MODEL: 'toy',
      DAILYPAPERS_EMBEDDINGS_WORKERS: '2',
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`embedded ${PAPERS} papers with http:toy`);
    expect(server.requests.flatMap((r) => r.input)).toHaveLength(PAPERS);
  }, 180_000);
});
