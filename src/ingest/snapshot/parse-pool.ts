// The main thread's side of the parse worker: hands runs of lines over and gets their papers back in order.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../core/worker-threads.js';
import type { LineRun, ParsedLine } from './parse-lines.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';

export class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (p: ParsedLine[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor() {
    this.worker = startWorker(new URL('./parse-worker.js', import.meta.url), null);
    this.worker.unref();
    this.worker.on('message', (reply: ParseReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('fatal' in reply) waiter?.reject(new Error(`snapshot parse worker: ${reply.fatal}`));
      else waiter?.resolve(reply.parsed);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`snapshot parse worker exited (${code})`)));
  }

  parse(run: LineRun): Promise<ParsedLine[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const done = new Promise<ParsedLine[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ ...run, id } satisfies ParseRequest, [run.bytes.buffer as ArrayBuffer]);
    return done;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('snapshot parse worker closed');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}
