// From configuration to a provider. Options are plain data so that worker threads can build the same
// provider from them.
import path from 'node:path';
import type { Config } from '../config/config.js';
import { EmbeddingsError } from './embeddings.errors.js';
import { createHttpProvider, type HttpProviderOptions } from './http-provider.js';
import type { EmbeddingProvider } from './provider.js';

export type ProviderOptions =
  | { kind: 'onnx'; modelsDir: string; model: string; threads: number }
  | ({ kind: 'http' } & HttpProviderOptions);

export function modelsDirOf(config: Config): string {
  return path.resolve(config.embeddings.modelsDir || path.join(config.data, 'models'));
}

/** The configured provider's options, or null when embeddings are switched off (keyword search only). */
export function providerOptionsOf(config: Config): ProviderOptions | null {
  const e = config.embeddings;
  if (e.provider === 'none') return null;
  if (e.provider === 'onnx')
    return { kind: 'onnx', modelsDir: modelsDirOf(config), model: e.model, threads: e.threads };
  const missing = [!e.httpUrl && 'embeddings.httpUrl', !e.httpModel && 'embeddings.httpModel'].filter(Boolean);
  if (missing.length > 0) {
    throw new EmbeddingsError({
      code: 'embeddings.not_configured',
      message: `embeddings.provider is "http" but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty`,
    });
  }
  return {
    kind: 'http',
    baseUrl: e.httpUrl,
    model: e.httpModel,
    apiKey: e.httpApiKey || undefined,
    queryPrefix: e.queryPrefix,
  };
}

/** The vector space a provider would produce, known without loading the model. */
export function providerIdOf(options: ProviderOptions): string {
  return options.kind === 'onnx' ? `onnx:${options.model}` : `http:${options.model}`;
}

export async function createProvider(options: ProviderOptions): Promise<EmbeddingProvider> {
  if (options.kind === 'http') return createHttpProvider(options);
  // Loaded on demand: the onnx runtime is an optional dependency and costs ~100 ms to import.
  const { createOnnxProvider } = await import('./onnx-provider.js');
  return createOnnxProvider(options);
}
