// Known sentence-embedding models and where an installed one lives. A model folder is the Hugging Face
// repository layout (config.json, tokenizer files, onnx/*.onnx) plus our manifest, written last by
// `models pull`, so a folder without a manifest is an interrupted download, never a half-loaded model.
// Air-gapped operators copy a pulled folder as it is.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EmbeddingsError } from './embeddings.errors.js';

export const MANIFEST_FILE = 'dailypapers-model.json';

const modelSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only'),
  repo: z.string().min(1),
  revision: z.string().min(1),
  license: z.string(),
  /** transformers.js dtype: picks onnx/model.onnx (fp32) or onnx/model_quantized.onnx (q8). */
  dtype: z.enum(['fp32', 'q8']),
  pooling: z.enum(['cls', 'mean']),
  dimensions: z.number().int().positive(),
  queryPrefix: z.string(),
  documentPrefix: z.string(),
  files: z.array(z.string().min(1)).min(1),
});

export type ModelSpec = z.infer<typeof modelSpecSchema>;

const manifestSchema = modelSpecSchema.extend({
  installedAt: z.string(),
  sha256: z.record(z.string(), z.string()),
});

export type ModelManifest = z.infer<typeof manifestSchema>;

const COMMON_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export const MODEL_REGISTRY: readonly ModelSpec[] = [
  {
    // MTEB retrieval 51.7; SciFact nDCG@10 0.713 as published by BAAI. 34 MB int8.
    name: 'bge-small-en-v1.5',
    repo: 'Xenova/bge-small-en-v1.5',
    revision: 'main',
    license: 'MIT',
    dtype: 'q8',
    pooling: 'cls',
    dimensions: 384,
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    files: [...COMMON_FILES, 'onnx/model_quantized.onnx'],
  },
  {
    // Lighter and faster (6 layers), weaker on retrieval. 23 MB int8.
    name: 'all-MiniLM-L6-v2',
    repo: 'Xenova/all-MiniLM-L6-v2',
    revision: 'main',
    license: 'Apache-2.0',
    dtype: 'q8',
    pooling: 'mean',
    dimensions: 384,
    queryPrefix: '',
    documentPrefix: '',
    files: [...COMMON_FILES, 'onnx/model_quantized.onnx'],
  },
];

export function findModelSpec(name: string): ModelSpec | null {
  return MODEL_REGISTRY.find((m) => m.name === name) ?? null;
}

export function modelDir({ modelsDir, name }: { modelsDir: string; name: string }): string {
  if (!modelSpecSchema.shape.name.safeParse(name).success) {
    throw new EmbeddingsError({ code: 'embeddings.bad_model_name', message: `"${name}" is not a model name` });
  }
  return path.join(modelsDir, name);
}

/** The manifest of an installed model, or null when the folder has none (not pulled, or pull interrupted). */
export function readManifest({ modelsDir, name }: { modelsDir: string; name: string }): ModelManifest | null {
  const file = path.join(modelDir({ modelsDir, name }), MANIFEST_FILE);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new EmbeddingsError({ code: 'embeddings.bad_manifest', message: `${file} is not valid JSON` });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmbeddingsError({
      code: 'embeddings.bad_manifest',
      message: `${file}: ${issue?.path.join('.') || 'manifest'} ${issue?.message ?? 'is invalid'}`,
    });
  }
  return parsed.data;
}

/** The installed model named `name`, or a clear error saying how to install it. */
export function requireInstalledModel({ modelsDir, name }: { modelsDir: string; name: string }): ModelManifest {
  const manifest = readManifest({ modelsDir, name });
  if (manifest) return manifest;
  const known = findModelSpec(name);
  const how = known
    ? `run \`dailypapers models pull ${name}\` on a machine that can reach the Hugging Face hub, or copy a pulled folder there`
    : `known models: ${MODEL_REGISTRY.map((m) => m.name).join(', ')}; or copy a folder with a ${MANIFEST_FILE} there`;
  throw new EmbeddingsError({
    code: 'embeddings.model_missing',
    message: `embedding model "${name}" is not installed in ${modelDir({ modelsDir, name })}: ${how}`,
  });
}

export function parseModelSpec(value: unknown): ModelSpec {
  return modelSpecSchema.parse(value);
}
