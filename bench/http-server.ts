// Our built server as the HTTP benches (bench:http, bench:http-ab) run it: `node FLAGS CLI serve` on a loopback port,
// with arXiv pointed at a closed port and rate limits off, and the wait until it is serving rather than loading.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cliNodeFlags } from './cli-node-flags.js';

/** The environment of the server on `dataDir`, and of CLI commands run beside it. */
export function serverEnv({ dataDir, metricsToken }: { dataDir: string; metricsToken: string }) {
  return {
    DAILYPAPERS_DATA: dataDir,
    DAILYPAPERS_SECRET: 'http'.repeat(10),
    DAILYPAPERS_RATE_LIMIT_ENABLED: 'false',
    DAILYPAPERS_LOG_LEVEL: 'warn',
    DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
    DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
    DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
    // Opens /metrics on the bench's loopback server: the per-phase memory lines read the V8 heap from it.
    DAILYPAPERS_METRICS_TOKEN: metricsToken,
  };
}

/** The node flags of the CLI's own first line, as the installed command starts it, then `extra` (space-separated). */
export function serverNodeFlags(cli: string, extra = ''): string[] {
  return [...cliNodeFlags(cli), ...extra.split(' ').filter(Boolean)];
}

export function spawnServer(opts: {
  cli: string;
  nodeFlags: string[];
  port: number;
  env: Record<string, string>;
}): ChildProcess {
  return spawn(process.execPath, [...opts.nodeFlags, opts.cli, 'serve', '--port', String(opts.port)], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The sum of the store's change counters, or null while its database cannot be read (the server is starting). */
function storeVersion(dataDir: string): number | null {
  try {
    const db = new Database(path.join(dataDir, 'dailypapers.db'), { readonly: true, fileMustExist: true });
    try {
      return Number(db.prepare('SELECT SUM(value) FROM counters').pluck().get());
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * Until the demo is loaded and indexed and the store's counters stood still for 3 s: the runs measure serving, not
 * loading. False if that did not happen within 15 minutes.
 */
export async function waitForQuiet({ base, dataDir }: { base: string; dataDir: string }): Promise<boolean> {
  let last: number | null = -1;
  let stableSince = Date.now();
  for (const until = Date.now() + 900_000; Date.now() < until; ) {
    const ready = (await fetch(`${base}/readyz`).then(
      (r) => r.json(),
      () => null,
    )) as { checks?: { searchIndex?: { lag?: number } } } | null;
    const version = storeVersion(dataDir);
    if (version !== last) {
      last = version;
      stableSince = Date.now();
    }
    if (ready?.checks?.searchIndex?.lag === 0 && Date.now() - stableSince >= 3000) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
