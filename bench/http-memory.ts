// What the server process holds after each phase of bench:http: RSS split into anonymous (heaps, malloc, SQLite
// caches) and file-backed (code, libraries, mapped files) from /proc/PID/smaps_rollup, its thread count (each
// worker thread is a thread with its own V8 isolate), and the V8 figures the server itself reports on /metrics
// (prom-client's nodejs_* gauges: heap used/total, external memory including array buffers). Read from outside the
// server, so measuring changes nothing in it except one /metrics scrape.
import { readdirSync, readFileSync } from 'node:fs';

export interface MemoryReading {
  rssMiB: number;
  anonMiB: number;
  fileMiB: number;
  threads: number;
  heapUsedMiB: number | null;
  heapTotalMiB: number | null;
  externalMiB: number | null;
  /** V8's young generation (new space) and old generation, total (reserved) size. */
  newSpaceMiB: number | null;
  oldSpaceMiB: number | null;
}

const MiB = 1024 * 1024;

function rollup(pid: number): Record<string, number> {
  const kB: Record<string, number> = {};
  for (const line of readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line);
    if (m) kB[m[1]!] = Number(m[2]);
  }
  return kB;
}

async function v8Figures(metricsUrl: string, token: string) {
  const text = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } }).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  const gauge = (name: string) => {
    const m = new RegExp(`^${name.replace(/[{}]/g, '\\$&')} ([0-9.e+]+)`, 'm').exec(text);
    return m ? Number(m[1]) / MiB : null;
  };
  return {
    heapUsedMiB: gauge('nodejs_heap_size_used_bytes'),
    heapTotalMiB: gauge('nodejs_heap_size_total_bytes'),
    externalMiB: gauge('nodejs_external_memory_bytes'),
    newSpaceMiB: gauge('nodejs_heap_space_size_total_bytes{space="new"}'),
    oldSpaceMiB: gauge('nodejs_heap_space_size_total_bytes{space="old"}'),
  };
}

export async function readMemory(pid: number, metrics?: { url: string; token: string }): Promise<MemoryReading> {
  const r = rollup(pid);
  const rssMiB = (r.Rss ?? 0) / 1024;
  const anonMiB = (r.Anonymous ?? 0) / 1024;
  const v8 = metrics
    ? await v8Figures(metrics.url, metrics.token)
    : { heapUsedMiB: null, heapTotalMiB: null, externalMiB: null, newSpaceMiB: null, oldSpaceMiB: null };
  return {
    rssMiB,
    anonMiB,
    fileMiB: rssMiB - anonMiB,
    threads: readdirSync(`/proc/${pid}/task`).length,
    ...v8,
  };
}

export function formatMemory(phase: string, m: MemoryReading): string {
  const f = (x: number | null) => (x === null ? '?' : x.toFixed(0));
  return (
    `memory after ${phase}: RSS ${f(m.rssMiB)} MiB (anonymous ${f(m.anonMiB)}, file-backed ${f(m.fileMiB)}), ` +
    `V8 heap used ${f(m.heapUsedMiB)} / total ${f(m.heapTotalMiB)} MiB (new space ${f(m.newSpaceMiB)}, old ` +
    `${f(m.oldSpaceMiB)}), external ${f(m.externalMiB)} MiB, ` +
    `${m.threads} threads`
  );
}
