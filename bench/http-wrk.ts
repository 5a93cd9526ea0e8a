// Runs wrk (Debian's /usr/bin/wrk) against one URL or a rotation of paths and returns requests/s and latency
// percentiles. A small Lua script rotates the paths and prints the percentiles wrk's own summary leaves out (p95).
// Also what the HTTP benches report the runs with: the median over rounds and the machine's load average.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WrkResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const WRK = process.env.WRK ?? '/usr/bin/wrk';

function script(paths: string[]): string {
  const list = paths.map((p) => `"${p.replace(/["\\]/g, '\\$&')}"`).join(', ');
  return `local paths = { ${list} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %f %f %f %f %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;
}

export function runWrk(opts: {
  base: string;
  paths: string[];
  connections: number;
  seconds: number;
  threads?: number;
  /** A Cookie header on every request (our page cache then renders per request). */
  cookie?: string;
}): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-http-'));
  const file = path.join(dir, 'rotate.lua');
  writeFileSync(file, script(opts.paths));
  const args = [
    `-t${opts.threads ?? 2}`,
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    file,
    ...(opts.cookie ? ['-H', `Cookie: ${opts.cookie}`] : []),
    opts.base + opts.paths[0],
  ];
  return new Promise((resolve, reject) => {
    execFile(WRK, args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const m = /RESULT (\S+) (\S+) (\S+) (\S+) (\d+)/.exec(stdout);
      if (!m) return reject(new Error(`no result from wrk: ${stdout}`));
      const [rps, p50, p95, p99, errors] = m.slice(1).map(Number) as [number, number, number, number, number];
      resolve({ rps, p50, p95, p99, errors });
    });
  });
}

/** The median of one figure over a bench's runs. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The machine's 1, 5 and 15-minute load averages, printed beside the figures: the runs share the machine. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
