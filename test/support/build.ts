// The CLI tests run the built CLI (bin/dailypapers.js → dist/), as an installed dailypapers runs: under
// `node --import tsx` every spawn compiled the CLI's whole import graph again — 4.7–5.9 s against 1.9–3.0 s for
// `config show` on the loaded 2-core machine, and a CLI test spawns up to a dozen. So every test run first brings
// dist/ up to date (vitest's global setup calls this), and editing src/ never leaves a CLI test on stale code.
//
// The build is incremental (tsconfig.build.json): with nothing changed it writes nothing, so a second suite starting
// beside a running one never rewrites files the first one's children are loading. A lock directory keeps two runs
// from compiling at once; the second waits and finds the work done.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = path.join(ROOT, 'dist/.tsbuildinfo');
const LOCK = path.join(ROOT, 'dist/.build-lock');
const TEST_ONLY = /\.test(-utils)?\.ts$/;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !TEST_ONLY.test(entry.name))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  try {
    const built = statSync(STAMP).mtimeMs;
    const configs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map(
      (f) => statSync(path.join(ROOT, f)).mtimeMs,
    );
    return built >= Math.max(newestSource(path.join(ROOT, 'src')), ...configs);
  } catch {
    return false;
  }
}

/** Builds dist/ unless it is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  if (upToDate()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 5 * 60_000)
        rmSync(LOCK, { force: true, recursive: true });
      if (Date.now() > deadline) throw new Error(`another build still holds ${LOCK}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (upToDate()) return;
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      // Type errors still emit JavaScript; `npm run typecheck` is where they fail the build. Say so and go on.
      const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
      console.warn(`npm run build reported errors (the tests run on what it emitted):\n${output}`);
    }
    // tsc leaves the stamp alone when no output changed; touching it records that this source state is built.
    const now = new Date();
    utimesSync(STAMP, now, now);
  } finally {
    rmSync(LOCK, { force: true, recursive: true });
  }
}
