// Worker-thread side of the embedding pool: builds its own provider (its own model instance) and answers
// { id, texts, kind } requests with vectors, transferring their buffers instead of copying them.
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbedKind } from './provider.js';
import { createProvider, type ProviderOptions } from './provider-options.js';

export interface WorkerRequest {
  id: number;
  texts: string[];
  kind: EmbedKind;
}

export type WorkerReply =
  | { id: number; vectors: Float32Array[] }
  | { id: number; error: { message: string; code?: string } }
  | { ready: true };

const port = parentPort!;
const providerPromise = createProvider(workerData as ProviderOptions);

providerPromise.then(
  () => port.postMessage({ ready: true } satisfies WorkerReply),
  (error: Error & { code?: string }) =>
    port.postMessage({ id: -1, error: { message: error.message, code: error.code } } satisfies WorkerReply),
);

port.on('message', async (message: WorkerRequest) => {
  try {
    const provider = await providerPromise;
    const vectors = await provider.embed({ texts: message.texts, kind: message.kind });
    port.postMessage(
      { id: message.id, vectors } satisfies WorkerReply,
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (error) {
    const e = error as Error & { code?: string };
    port.postMessage({ id: message.id, error: { message: e.message, code: e.code } } satisfies WorkerReply);
  }
});
