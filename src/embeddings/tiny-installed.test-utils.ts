// Installs the generated tiny model into a models directory exactly as `models pull` would leave it.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, type ModelManifest, type ModelSpec } from './models.js';
import { type TinyModel, writeTinyModel } from './tiny-model/tiny-model.test-utils.js';

export const TINY_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export function tinySpec(overrides: Partial<ModelSpec> & { name: string }): ModelSpec {
  const dtype = overrides.dtype ?? 'fp32';
  return {
    repo: `test/${overrides.name}`,
    revision: 'main',
    license: 'MIT',
    dtype,
    pooling: 'cls',
    dimensions: 32,
    queryPrefix: '',
    documentPrefix: '',
    files: [...TINY_FILES, dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'],
    ...overrides,
  };
}

export function installTinyModel({
  modelsDir,
  spec,
}: {
  modelsDir: string;
  spec: ModelSpec;
}): TinyModel & { spec: ModelSpec; manifest: ModelManifest } {
  const dir = path.join(modelsDir, spec.name);
  const tiny = writeTinyModel({ dir, onnxFile: path.basename(spec.files.at(-1)!) });
  const sha256 = Object.fromEntries(
    spec.files.map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
  const manifest: ModelManifest = { ...spec, installedAt: '2024-01-01T00:00:00.000Z', sha256 };
  writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  return { ...tiny, spec, manifest };
}
