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

/**
 * Parse workers taking runs in turn, for a writer faster than one parser (the import's default is one worker: see
 * import.ts). Each run's result is awaited in the order the runs were given, so the order is that of one worker.
 */
export class ParsePool {
  private readonly workers: ParseWorker[];
  private next = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new ParseWorker());
  }

  get size(): number {
    return this.workers.length;
  }

  parse(run: LineRun): Promise<ParsedLine[]> {
    const worker = this.workers[this.next]!;
    this.next = (this.next + 1) % this.workers.length;
    return worker.parse(run);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
