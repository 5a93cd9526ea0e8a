// Local sentence-transformer models through @huggingface/transformers + onnxruntime-node, strictly offline:
// remote model loading is switched off and the model comes from the models directory (`models pull`, or a
// copied folder). The package is an optional dependency, so a keyword-only install does not carry it.
import { EmbeddingsError } from './embeddings.errors.js';
import { type ModelManifest, modelDir, requireInstalledModel } from './models.js';
import type { EmbeddingProvider } from './provider.js';

type Extractor = (
  texts: string[],
  options: { pooling: 'cls' | 'mean'; normalize: boolean },
) => Promise<{ dims: number[]; data: Float32Array; dispose?: () => void }>;

/** Texts per forward pass: padding makes a batch as long as its longest text, so large batches waste work. */
const FORWARD_BATCH = 16;

/** The part of @huggingface/transformers used here, typed locally so that a keyword-only install (optional
 *  dependencies omitted) still type-checks and builds. */
interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(task: 'feature-extraction', model: string, options: Record<string, unknown>): Promise<unknown>;
}

const TRANSFORMERS = '@huggingface/transformers';

async function loadTransformers(): Promise<Transformers> {
  try {
    return (await import(TRANSFORMERS)) as Transformers;
  } catch (error) {
    throw new EmbeddingsError({
      code: 'embeddings.onnx_unavailable',
      message:
        'embeddings.provider is "onnx" but the optional package @huggingface/transformers is not installed: run `npm install --include=optional` (with ONNXRUNTIME_NODE_INSTALL=skip), or use the http provider',
      cause: error,
    });
  }
}

export async function createOnnxProvider({
  modelsDir,
  model,
  threads = 0,
}: {
  modelsDir: string;
  /** Name of an installed model folder in `modelsDir`. */
  model: string;
  /** onnxruntime intra-op threads; 0 lets onnxruntime choose (all cores). */
  threads?: number;
}): Promise<EmbeddingProvider & { manifest: ModelManifest }> {
  const manifest = requireInstalledModel({ modelsDir, name: model });
  const transformers = await loadTransformers();
  const { env } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${modelsDir.replace(/\/+$/, '')}/`;
  let extractor: Extractor;
  try {
    extractor = (await transformers.pipeline('feature-extraction', manifest.name, {
      dtype: manifest.dtype,
      device: 'cpu',
      session_options: threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {},
    })) as unknown as Extractor;
  } catch (error) {
    throw new EmbeddingsError({
      code: 'embeddings.model_load_failed',
      message: `cannot load embedding model from ${modelDir({ modelsDir, name: model })}: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const pipelineHandle = extractor as unknown as { dispose?: () => Promise<void> };

  return {
    id: `onnx:${manifest.name}`,
    manifest,
    async embed({ texts, kind, signal }) {
      const prefix = kind === 'query' ? manifest.queryPrefix : manifest.documentPrefix;
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += FORWARD_BATCH) {
        signal?.throwIfAborted();
        const batch = texts.slice(start, start + FORWARD_BATCH).map((t) => prefix + String(t ?? ''));
        const tensor = await extractor(batch, { pooling: manifest.pooling, normalize: true });
        const dims = tensor.dims[1]!;
        for (let i = 0; i < batch.length; i++)
          out.push(Float32Array.from(tensor.data.subarray(i * dims, (i + 1) * dims)));
        tensor.dispose?.();
      }
      return out;
    },
    async close() {
      await pipelineHandle.dispose?.();
    },
  };
}
