// A provider whose work runs on worker threads: tokenising and pooling are JavaScript, and running them on
// the main thread would stall the web server's event loop while the embedding job runs in-process.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/worker-threads.js';
import type { WorkerReply, WorkerRequest } from './embed-worker.js';
import { EmbeddingsError } from './embeddings.errors.js';
import type { EmbeddingProvider, EmbedKind } from './provider.js';
import { type ProviderOptions, providerIdOf } from './provider-options.js';

interface Pending {
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

function startEmbedWorker(workerData: ProviderOptions): Worker {
  return startWorker(new URL('./embed-worker.js', import.meta.url), workerData);
}

export function createWorkerProvider({
  options,
  workers,
}: {
  options: ProviderOptions;
  workers: number;
}): EmbeddingProvider {
  let nextId = 0;
  const waiting: Array<() => void> = [];

  const slots: Slot[] = Array.from({ length: Math.max(1, workers) }, () => {
    const worker = startEmbedWorker(options);
    const slot: Slot = { worker, busy: false, pending: new Map(), ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) return resolve();
        if (reply.id === -1 && 'error' in reply) return reject(toError(reply.error));
        const p = slot.pending.get(reply.id);
        slot.pending.delete(reply.id);
        if (!p) return;
        if ('error' in reply) p.reject(toError(reply.error));
        else p.resolve(reply.vectors);
      });
      worker.on('error', (error) => {
        reject(error);
        for (const p of slot.pending.values()) p.reject(error);
        slot.pending.clear();
      });
    });
    // Not swallowed: every use of the slot awaits `ready` and gets its failure; this only keeps an idle slot's
    // failed start from counting as an unhandled rejection before then.
    slot.ready.catch(() => {});
    return slot;
  });

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const free = slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (slot: Slot) => {
    slot.busy = false;
    waiting.shift()?.();
  };

  return {
    id: providerIdOf(options),
    async embed({ texts, kind }: { texts: readonly string[]; kind: EmbedKind }) {
      const slot = await acquire();
      try {
        await slot.ready;
        const id = nextId++;
        return await new Promise<Float32Array[]>((resolve, reject) => {
          slot.pending.set(id, { resolve, reject });
          slot.worker.postMessage({ id, texts: [...texts], kind } satisfies WorkerRequest);
        });
      } finally {
        release(slot);
      }
    },
    async close() {
      // terminate() also frees the onnxruntime session: it lives in the worker's isolate.
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

function toError(e: { message: string; code?: string }): Error {
  return new EmbeddingsError({ code: e.code ?? 'embeddings.worker_failed', message: e.message });
}
