import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `serve` on SQLite leaves `<data>/serve.pid` while it runs, so that `restore` can refuse to swap the database
// under a running server (which would keep writing to the replaced file, and lose those writes silently).

const FILE = 'serve.pid';

/** Records this process as the server of `dataDir`; returns the function that removes the record. */
export function markServing(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

/** The pid of a live `serve` on `dataDir`, or null (a record left by a killed server does not count). */
export function runningServer(dataDir: string): number | null {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
