// Progress for long operations (import, harvest, reindex): a live bar on a terminal, and periodic
// structured log lines when output goes to a file or a log collector, where a redrawn bar is noise.

import cliProgress from 'cli-progress';

export interface ProgressLogger {
  info(obj: object, msg: string): void;
}

export interface ProgressOptions {
  label: string;
  /** Known amount of work; without it the bar shows a count and a rate only. */
  total?: number;
  /** What is counted: "papers", "lines", "bytes". */
  unit: string;
  stream?: NodeJS.WriteStream;
  logger?: ProgressLogger;
  /** Time between log lines when not on a terminal; default 5 s. */
  intervalMs?: number;
}

export type ProgressExtra = Record<string, string | number>;

export interface ProgressReporter {
  update(done: number, extra?: ProgressExtra): void;
  stop(summaryLine?: string): void;
}

export function createProgressReporter(opts: ProgressOptions): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY ? terminalReporter(opts, stream) : logReporter(opts, stream);
}

function terminalReporter(opts: ProgressOptions, stream: NodeJS.WriteStream): ProgressReporter {
  const started = performance.now();
  const hasTotal = opts.total !== undefined && opts.total > 0;
  const format = hasTotal
    ? `${opts.label} [{bar}] {percentage}% | {count}/{totalText} ${opts.unit} | {rate}/s{extras} | ETA {eta_formatted}`
    : `${opts.label} {count} ${opts.unit} | {rate}/s{extras}`;
  // gracefulExit would install its own SIGINT handler; interruption belongs to the command that owns the work.
  const bar = new cliProgress.SingleBar({ stream, format, fps: 5, gracefulExit: false, etaBuffer: 50 });
  const payload = (done: number, extra?: ProgressExtra) => ({
    count: formatCount(done),
    totalText: formatCount(opts.total ?? 0),
    rate: formatCount(rate(done, started)),
    extras: formatExtra(extra),
  });
  let last = 0;
  let lastExtra: ProgressExtra | undefined;
  bar.start(hasTotal ? opts.total! : 0, 0, payload(0));
  return {
    update(done, extra) {
      last = done;
      lastExtra = extra ?? lastExtra;
      bar.update(done, payload(done, lastExtra));
    },
    stop(summaryLine) {
      bar.update(last, payload(last, lastExtra));
      bar.stop();
      if (summaryLine) stream.write(`${summaryLine}\n`);
    },
  };
}

function logReporter(opts: ProgressOptions, stream: NodeJS.WriteStream): ProgressReporter {
  const started = performance.now();
  const intervalMs = opts.intervalMs ?? 5000;
  let lastLogAt = started;
  let last = 0;
  let lastExtra: ProgressExtra | undefined;
  const emit = (done: number, extra: ProgressExtra | undefined, msg?: string) => {
    const fields = { label: opts.label, done, total: opts.total ?? null, unit: opts.unit, rate: rate(done, started) };
    const totalText = opts.total ? `/${formatCount(opts.total)}` : '';
    const text = msg ?? `${opts.label}: ${formatCount(done)}${totalText} ${opts.unit} (${formatCount(fields.rate)}/s)`;
    if (opts.logger) opts.logger.info({ ...fields, ...extra }, text);
    else stream.write(`${text}${formatExtra(extra)}\n`);
  };
  return {
    update(done, extra) {
      last = done;
      lastExtra = extra ?? lastExtra;
      const now = performance.now();
      if (now - lastLogAt < intervalMs) return;
      lastLogAt = now;
      emit(done, lastExtra);
    },
    stop(summaryLine) {
      emit(last, { ...lastExtra, elapsedMs: Math.round(performance.now() - started) }, summaryLine);
    },
  };
}

function rate(done: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(done / seconds) : 0;
}

function formatExtra(extra: ProgressExtra | undefined): string {
  if (!extra) return '';
  return Object.entries(extra)
    .map(([key, value]) => ` | ${key} ${typeof value === 'number' ? formatCount(value) : value}`)
    .join('');
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 1536 → "1.5 KiB"; for byte counts passed as extra fields. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
