import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatBytes, formatCount } from './progress.js';

function captureStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 160 });
  return { stream, text: () => chunks.join('') };
}

function captureLogger() {
  const entries: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return {
    entries,
    logger: { info: (obj: object, msg: string) => entries.push({ obj: obj as Record<string, unknown>, msg }) },
  };
}

describe('createProgressReporter off a terminal', () => {
  it('logs structured progress lines with counts, total, unit and extra fields', () => {
    const { entries, logger } = captureLogger();
    const { stream } = captureStream(false);
    const progress = createProgressReporter({
      label: 'import',
      total: 4000,
      unit: 'papers',
      stream,
      logger,
      intervalMs: 0,
    });
    progress.update(1000, { read: '1.5 MiB' });
    progress.update(2500);
    progress.stop('imported 2,500 papers');
    expect(entries.map((e) => e.msg.replace(/\([\d,]+\/s\)/, '(N/s)'))).toEqual([
      'import: 1,000/4,000 papers (N/s)',
      'import: 2,500/4,000 papers (N/s)',
      'imported 2,500 papers',
    ]);
    expect(entries[0]!.obj).toMatchObject({
      label: 'import',
      done: 1000,
      total: 4000,
      unit: 'papers',
      read: '1.5 MiB',
    });
    expect(entries[1]!.obj).toMatchObject({ done: 2500, read: '1.5 MiB' });
    expect(entries[2]!.obj).toHaveProperty('elapsedMs');
  });

  it('writes plain lines to the stream when there is no logger', () => {
    const { stream, text } = captureStream(false);
    const progress = createProgressReporter({ label: 'reindex', unit: 'papers', stream, intervalMs: 0 });
    progress.update(12345, { batches: 7 });
    progress.stop();
    const lines = text().trim().split('\n');
    expect(lines[0]).toMatch(/^reindex: 12,345 papers \([\d,]+\/s\) \| batches 7$/);
    expect(lines).toHaveLength(2);
  });

  it('stays quiet between intervals but always reports the end', () => {
    const { entries, logger } = captureLogger();
    const progress = createProgressReporter({ label: 'harvest', unit: 'records', logger, intervalMs: 3_600_000 });
    for (let i = 1; i <= 100; i++) progress.update(i);
    progress.stop();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.obj).toMatchObject({ done: 100 });
  });
});

describe('createProgressReporter on a terminal', () => {
  it('draws a bar with count, total and extras and prints the summary line after it', () => {
    const { stream, text } = captureStream(true);
    const progress = createProgressReporter({ label: 'import', total: 2000, unit: 'papers', stream });
    progress.update(1500, { read: formatBytes(3 * 1024 * 1024) });
    progress.stop('done: 1,500 papers');
    const output = text();
    expect(output).toContain('import [');
    expect(output).toContain('75% | 1,500/2,000 papers');
    expect(output).toContain('| read 3.0 MiB');
    expect(output.trimEnd().endsWith('done: 1,500 papers')).toBe(true);
  });

  it('shows a count and rate without a bar when the total is unknown', () => {
    const { stream, text } = captureStream(true);
    const progress = createProgressReporter({ label: 'scan', unit: 'lines', stream });
    progress.update(42);
    progress.stop();
    expect(text()).toMatch(/scan 42 lines \| [\d,]+\/s/);
    expect(text()).not.toContain('%');
  });
});

describe('formatters', () => {
  it('formats counts with separators and bytes in binary units', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
  });
});
