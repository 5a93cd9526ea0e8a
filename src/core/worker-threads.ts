// Starts a worker thread on a module of this project. Built, the entry is a plain .js file. Running from source
// (tsx, vitest) only the .ts file exists, and a small bootstrap registers tsx's loader inside the worker first
// (loader flags in execArgv do not reach worker threads reliably).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `entry` names the built module (`new URL('./x-worker.js', import.meta.url)`). */
export function startWorker(entry: URL, workerData: unknown): Worker {
  if (existsSync(fileURLToPath(entry))) return new Worker(entry, { workerData });
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}
