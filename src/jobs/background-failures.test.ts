// Background work never fails silently: a heartbeat that cannot renew a job's lease, and a scheduled run whose
// lease cannot even be taken (the database failing under the scheduler), are logged. The store is real; only
// the one call under test is made to fail, as an unreachable database would.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import type { JobDefinition } from './job.js';
import { runJobOnce } from './runner.js';
import { startScheduler } from './scheduler.js';

function capturingLogger() {
  const lines: Array<{ level: number; msg: string; err?: { message: string }; job?: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const unreachable = () => Promise.reject(new Error('database unreachable'));

describe('background failures are logged', () => {
  it('a lease renewal that fails is logged as a warning, and the job still finishes', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { logger, lines } = capturingLogger();
    const job: JobDefinition = {
      name: 'slow',
      doc: 'test',
      schedule: '',
      leaseMs: 90, // a heartbeat every 30 ms
      run: async () => {
        await new Promise((r) => setTimeout(r, 200));
        return { changed: false, message: 'done' };
      },
    };
    const outcome = await runJobOnce({ job, jobs: { ...store.jobs, renew: unreachable }, logger });
    expect(outcome).toMatchObject({ ran: true, result: { message: 'done' } });
    const warnings = lines.filter((l) => l.msg.startsWith('job lease renewal failed'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatchObject({ level: 40, job: 'slow', err: { message: 'database unreachable' } });
    await store.close();
  });

  it('a scheduled run whose lease cannot be taken is logged as an error, and the scheduler keeps going', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { logger, lines } = capturingLogger();
    const job: JobDefinition = {
      name: 'every-second',
      doc: 'test',
      schedule: '* * * * * *',
      run: async () => ({ changed: false, message: 'ran' }),
    };
    const scheduler = startScheduler({ jobs: [job], repository: { ...store.jobs, tryAcquire: unreachable }, logger });
    const deadline = Date.now() + 10_000;
    const failures = () => lines.filter((l) => l.msg.startsWith('job could not be run'));
    while (failures().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect(failures().length).toBeGreaterThanOrEqual(2);
    expect(failures()[0]).toMatchObject({ level: 50, job: 'every-second', err: { message: 'database unreachable' } });
    await store.close();
  }, 30_000);
});
