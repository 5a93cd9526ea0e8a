import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeHub, startFakeHub } from './fake-hub.test-utils.js';
import { findModelSpec, MANIFEST_FILE, readManifest, requireInstalledModel } from './models.js';
import { createOnnxProvider } from './onnx-provider.js';
import { pullModel, verifyModel } from './pull.js';
import { writeTinyModel } from './tiny-model/tiny-model.test-utils.js';

// The fake hub serves the generated tiny model under the real bge repository's paths and file names.
const spec = findModelSpec('bge-small-en-v1.5')!;

describe('models pull', () => {
  let root: string;
  let hub: FakeHub;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dailypapers-pull-'));
    writeTinyModel({ dir: path.join(root, 'hub'), onnxFile: 'model_quantized.onnx' });
    hub = await startFakeHub({ repo: spec.repo, dir: path.join(root, 'hub') });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads every file of the model from the hub, then loads and embeds with it offline', async () => {
    const modelsDir = path.join(root, 'models-1');
    const result = await pullModel({ spec, modelsDir, hubUrl: hub.url });
    expect(result.downloaded).toBe(true);
    expect(hub.requests).toContain('/Xenova/bge-small-en-v1.5/resolve/main/onnx/model_quantized.onnx');
    expect(Object.keys(result.manifest.sha256).sort()).toEqual([...spec.files].sort());
    expect(await verifyModel({ dir: result.dir, manifest: result.manifest })).toEqual([]);
    const provider = await createOnnxProvider({ modelsDir, model: 'bge-small-en-v1.5', threads: 1 });
    const [v] = await provider.embed({ texts: ['state space models'], kind: 'query' });
    expect(v!.length).toBe(32);
    await provider.close();
  });

  it('does not download an installed model again unless forced', async () => {
    const modelsDir = path.join(root, 'models-2');
    await pullModel({ spec, modelsDir, hubUrl: hub.url });
    const before = hub.requests.length;
    expect((await pullModel({ spec, modelsDir, hubUrl: hub.url })).downloaded).toBe(false);
    expect(hub.requests.length).toBe(before);
    expect((await pullModel({ spec, modelsDir, hubUrl: hub.url, force: true })).downloaded).toBe(true);
  });

  it('leaves no manifest and no partial file when a download is cut short, and a second pull completes', async () => {
    const modelsDir = path.join(root, 'models-3');
    hub.truncateNext('model_quantized.onnx');
    await expect(pullModel({ spec, modelsDir, hubUrl: hub.url })).rejects.toMatchObject({
      code: 'embeddings.download_failed',
    });
    expect(readManifest({ modelsDir, name: spec.name })).toBeNull();
    expect(readdirSync(path.join(modelsDir, spec.name, 'onnx'))).toEqual([]);
    expect(() => requireInstalledModel({ modelsDir, name: spec.name })).toThrow(/not installed/);
    await pullModel({ spec, modelsDir, hubUrl: hub.url });
    expect(existsSync(path.join(modelsDir, spec.name, MANIFEST_FILE))).toBe(true);
  });

  it('reports a missing file and an unreachable hub clearly', async () => {
    const modelsDir = path.join(root, 'models-4');
    await expect(
      pullModel({ spec: { ...spec, files: [...spec.files, 'onnx/missing.onnx'] }, modelsDir, hubUrl: hub.url }),
    ).rejects.toThrow(/onnx\/missing\.onnx failed: HTTP 404/);
    await expect(pullModel({ spec, modelsDir, hubUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'embeddings.hub_unreachable',
      message: expect.stringContaining('copy an installed model folder'),
    });
  });

  it('notices a file changed after the pull, and refuses a manifest that is not JSON', async () => {
    const modelsDir = path.join(root, 'models-5');
    const { dir, manifest } = await pullModel({ spec, modelsDir, hubUrl: hub.url });
    writeFileSync(path.join(dir, 'config.json'), '{}');
    expect(await verifyModel({ dir, manifest })).toEqual(['config.json differs from the pulled file (sha256)']);
    writeFileSync(path.join(dir, MANIFEST_FILE), '{oops');
    expect(() => readManifest({ modelsDir, name: spec.name })).toThrow(/not valid JSON/);
  });
});
