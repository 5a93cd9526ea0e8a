import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxProvider } from './onnx-provider.js';
import { dot, normalise } from './provider.js';
import { installTinyModel, tinySpec } from './tiny-installed.test-utils.js';
import { tinyForward } from './tiny-model/onnx-model.test-utils.js';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'dailypapers-onnx-'));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

const PREFIX = 'Represent this sentence for searching relevant passages: ';
const bgeLike = installTinyModel({
  modelsDir,
  spec: tinySpec({ name: 'tiny-bge', pooling: 'cls', queryPrefix: PREFIX, dtype: 'q8' }),
});
const miniLmLike = installTinyModel({ modelsDir, spec: tinySpec({ name: 'tiny-minilm', pooling: 'mean' }) });

async function tokenIds(model: string, text: string): Promise<number[]> {
  env.localModelPath = `${modelsDir}/`;
  const tokenizer = await AutoTokenizer.from_pretrained(model);
  return Array.from(tokenizer(text).input_ids.data as BigInt64Array, Number);
}

const TEXT = 'Token mixing layers for state space models';

describe('onnx embedding provider', () => {
  it('pools the [CLS] state for a bge-style model, matching the model computed by hand', async () => {
    const provider = await createOnnxProvider({ modelsDir, model: 'tiny-bge', threads: 1 });
    const ids = await tokenIds('tiny-bge', TEXT);
    expect(ids[0]).toBe(bgeLike.vocab.indexOf('[CLS]'));
    expect(ids.at(-1)).toBe(bgeLike.vocab.indexOf('[SEP]'));
    const expected = normalise(tinyForward(bgeLike.weights, ids)[0]!);
    const [got] = await provider.embed({ texts: [TEXT], kind: 'document' });
    expect(got!.length).toBe(32);
    expect(dot(got!, expected)).toBeCloseTo(1, 5);
    await provider.close();
  });

  it('pools the mean of all token states for a MiniLM-style model', async () => {
    const provider = await createOnnxProvider({ modelsDir, model: 'tiny-minilm', threads: 1 });
    const ids = await tokenIds('tiny-minilm', TEXT);
    const states = tinyForward(miniLmLike.weights, ids);
    const mean = new Float32Array(32);
    for (const s of states) for (let i = 0; i < 32; i++) mean[i]! += s[i]! / states.length;
    const cls = normalise(states[0]!);
    const [got] = await provider.embed({ texts: [TEXT], kind: 'document' });
    expect(dot(got!, normalise(mean))).toBeCloseTo(1, 5);
    expect(dot(got!, cls)).toBeLessThan(0.99);
    await provider.close();
  });

  it("puts the model's instruction before queries only", async () => {
    const provider = await createOnnxProvider({ modelsDir, model: 'tiny-bge', threads: 1 });
    const [doc, query, prefixedDoc] = [
      ...(await provider.embed({ texts: [TEXT], kind: 'document' })),
      ...(await provider.embed({ texts: [TEXT], kind: 'query' })),
      ...(await provider.embed({ texts: [PREFIX + TEXT], kind: 'document' })),
    ];
    expect(dot(doc!, query!)).toBeLessThan(0.999);
    expect(dot(query!, prefixedDoc!)).toBeCloseTo(1, 5);
    await provider.close();
  });

  it('says how to install a model that is not there', async () => {
    await expect(createOnnxProvider({ modelsDir, model: 'bge-small-en-v1.5' })).rejects.toThrow(
      /not installed .*dailypapers models pull bge-small-en-v1\.5/,
    );
  });

  it('refuses a damaged model file with an error naming the folder', async () => {
    const broken = installTinyModel({ modelsDir, spec: tinySpec({ name: 'tiny-broken' }) });
    writeFileSync(path.join(broken.dir, 'onnx', 'model.onnx'), 'not a protobuf');
    await expect(createOnnxProvider({ modelsDir, model: 'tiny-broken' })).rejects.toMatchObject({
      code: 'embeddings.model_load_failed',
      message: expect.stringContaining(broken.dir),
    });
  });
});
