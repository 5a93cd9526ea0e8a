// WAL checkpoints off the event loop. SQLite checkpoints from the connection whose commit takes the WAL past
// `wal_autocheckpoint` pages, synchronously: copying ~1,000 scattered pages into a 2 GB store and fsyncing it held
// the one event loop for 10–110 ms (a vote's p95 went from 1.0 ms without checkpoints to 9–25 ms, max 111 ms, on
// the 1M-paper store), and every request waited behind it. Here a worker thread with its own connection runs a
// PASSIVE checkpoint (never blocks readers or the writer) every CHECKPOINT_EVERY_MS, and the serving connection
// only checkpoints itself past FALLBACK_PAGES, in case the worker cannot keep up or is gone.
//
// The worker lives only while this process writes: a worker thread is a V8 isolate of its own (~10 MiB of RSS), and a
// site is idle most of the time. Once the WAL is copied and nothing was written for IDLE_MS, the worker exits; the
// next write statement of this process (store/local-writes.ts) starts it again within CHECKPOINT_EVERY_MS. Writes
// by other processes (a CLI import) checkpoint themselves as SQLite does.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 1000;
const IDLE_MS = 10_000;
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
  /** Whether the worker thread is alive (it exits when idle; tests). */
  running(): boolean;
  stop(): Promise<void>;
}

interface Report {
  ok: boolean;
  log?: number;
  checkpointed?: number;
  message?: string;
}

export function startCheckpointer(
  sqlite: SqliteDatabase.Database,
  opts: {
    everyMs?: number;
    /** How long without writes (and with the WAL copied) before the worker exits. */
    idleMs?: number;
    /** performance.now() of this process's last write statement; without it the worker never idles. */
    lastWrite?: () => number;
    onError?: (message: string) => void;
  } = {},
): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const everyMs = opts.everyMs ?? CHECKPOINT_EVERY_MS;
  const idleMs = opts.idleMs ?? IDLE_MS;
  const lastWrite = opts.lastWrite ?? (() => performance.now());
  let waiting: Array<(r: { log: number; checkpointed: number }) => void> = [];
  let reported = false;
  let broken = false;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  // When the current worker started, or the last one was told to stop; and whether its last report left WAL frames.
  let since = performance.now();
  let copied = false;

  const launch = () => {
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { file: sqlite.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs },
    });
    w.unref();
    worker = w;
    since = performance.now();
    copied = false;
    exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.on('message', (m: Report) => {
      if (!m.ok) {
        // Reported once: the fallback keeps the WAL bounded meanwhile.
        if (!reported) opts.onError?.(`background WAL checkpoint failed: ${m.message}`);
        reported = true;
        copied = false;
        return;
      }
      copied = (m.checkpointed ?? 0) >= (m.log ?? 0);
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve({ log: m.log ?? 0, checkpointed: m.checkpointed ?? 0 });
    });
    w.on('error', (error) => {
      broken = true;
      sqlite.pragma('wal_autocheckpoint = 1000');
      opts.onError?.(`background WAL checkpointer stopped: ${error.message}`);
    });
    w.once('exit', () => {
      if (worker === w) worker = null;
    });
  };
  const retire = () => {
    const w = worker;
    if (!w) return exited;
    worker = null;
    since = performance.now();
    w.postMessage('stop');
    return exited;
  };

  launch();
  // Starts the worker when this process has written since the last one stopped; stops it once it has been idle.
  const watch = setInterval(() => {
    if (broken) return;
    const now = performance.now();
    if (!worker) {
      if (lastWrite() > since) launch();
    } else if (copied && now - Math.max(lastWrite(), since) > idleMs) {
      void retire();
    }
  }, everyMs);
  watch.unref();

  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    running: () => worker !== null,
    async stop() {
      clearInterval(watch);
      await retire();
    },
  };
}
