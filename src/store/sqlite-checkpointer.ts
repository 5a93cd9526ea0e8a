// WAL checkpoints off the event loop. SQLite checkpoints from the connection whose commit takes the WAL past
// `wal_autocheckpoint` pages, synchronously: copying ~1,000 scattered pages into a 2 GB store and fsyncing it held
// the one event loop for 10–110 ms (a vote's p95 went from 1.0 ms without checkpoints to 9–25 ms, max 111 ms, on
// the 1M-paper store), and every request waited behind it. Here a worker thread with its own connection runs a
// PASSIVE checkpoint (never blocks readers or the writer) every CHECKPOINT_EVERY_MS, and the serving connection
// only checkpoints itself past FALLBACK_PAGES, in case the worker cannot keep up or is gone.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 1000;
/** ~40 MiB of WAL at 4 KiB pages: where the serving connection checkpoints itself after all. */
export const FALLBACK_PAGES = 10_000;

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
  }
}, workerData.everyMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); process.exit(0); } });
`;

export interface Checkpointer {
  /** Resolves after the next checkpoint the worker reports (tests). */
  next(): Promise<{ log: number; checkpointed: number }>;
  stop(): Promise<void>;
}

export function startCheckpointer(
  sqlite: SqliteDatabase.Database,
  opts: { everyMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      file: sqlite.name,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: opts.everyMs ?? CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  let waiting: Array<(r: { log: number; checkpointed: number }) => void> = [];
  let reported = false;
  worker.on('message', (m: { ok: boolean; log?: number; checkpointed?: number; message?: string }) => {
    if (!m.ok) {
      // Reported once: the fallback keeps the WAL bounded meanwhile.
      if (!reported) opts.onError?.(`background WAL checkpoint failed: ${m.message}`);
      reported = true;
      return;
    }
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve({ log: m.log ?? 0, checkpointed: m.checkpointed ?? 0 });
  });
  worker.on('error', (error) => {
    sqlite.pragma('wal_autocheckpoint = 1000');
    opts.onError?.(`background WAL checkpointer stopped: ${error.message}`);
  });
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}
