// Starts a worker thread on a module of this project. Built (dist/, what `npx dailypapers` runs), every entry is a
// plain .js file next to its caller and the worker starts on it directly: nothing else is resolved, so an install
// without dev dependencies works. Only when this very module runs from source (tsx, vitest: its URL ends in .ts)
// does the worker first register tsx's loader — a dev dependency, looked up on that path alone (loader flags in
// execArgv do not reach worker threads reliably).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** `entry` names the built module (`new URL('./x-worker.js', import.meta.url)`). */
export function startWorker(entry: URL, workerData: unknown): Worker {
  if (!FROM_SOURCE) return new Worker(entry, { workerData });
  return new Worker(sourceBootstrap(new URL(entry.href.replace(/\.js$/, '.ts'))), { eval: true, workerData });
}

function sourceBootstrap(source: URL): string {
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
}
