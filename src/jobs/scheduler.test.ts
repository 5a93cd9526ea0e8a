import { pino } from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/support/postgres.js';
import { storeFactories } from '../../test/support/stores.js';
import { openStore } from '../store/store.js';
import type { JobDefinition } from './job.js';
import { runJobOnce } from './runner.js';
import { startScheduler } from './scheduler.js';

const logger = pino({ level: 'silent' });

describe('jobs', () => {
  it('two processes sharing one PostgreSQL database never run the same job at once', async () => {
    const url = await createTestDatabase(inject('postgresUrl'), 'jobs-two-processes');
    const first = await openStore({ databaseUrl: url });
    const second = await openStore({ databaseUrl: url });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job: JobDefinition = {
      name: 'slow',
      doc: 'test',
      schedule: '* * * * * *', // every second
      async run() {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 1500));
        running--;
        return { changed: false, message: 'ok' };
      },
    };
    const a = startScheduler({ jobs: [job], repository: first.jobs, logger });
    const b = startScheduler({ jobs: [job], repository: second.jobs, logger });
    await new Promise((r) => setTimeout(r, 4500));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    await second.close();
    await first.close();
  }, 120_000);

  it('a run reports failure in the job state and frees the lease for the next run', async () => {
    const store = await storeFactories[0]!.open('jobs-failure');
    const failing: JobDefinition = {
      name: 'flaky',
      doc: 'test',
      schedule: '',
      run: async () => {
        throw new Error('arXiv said no');
      },
    };
    const outcome = await runJobOnce({ job: failing, jobs: store.jobs, logger });
    expect(outcome.ran && 'error' in outcome && outcome.error.message).toBe('arXiv said no');
    expect((await store.jobs.list())[0]).toMatchObject({
      lastStatus: 'failed',
      lastMessage: 'arXiv said no',
      lockedBy: null,
    });
    const ok: JobDefinition = { ...failing, run: async () => ({ changed: true, message: 'fine' }) };
    expect(await runJobOnce({ job: ok, jobs: store.jobs, logger })).toEqual({
      ran: true,
      result: { changed: true, message: 'fine' },
    });
    await store.close();
  });

  it('a run stopped by shutdown at its checkpoint is recorded as interrupted, not failed, and frees the lease', async () => {
    const store = await storeFactories[0]!.open('jobs-interrupted');
    const shutdown = new AbortController();
    const seen: string[] = [];
    const job: JobDefinition = {
      name: 'harvest',
      doc: 'test',
      schedule: '',
      run: ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('harvest stopped after page 3')));
          setTimeout(() => shutdown.abort(), 50);
        }),
    };
    await runJobOnce({
      job,
      jobs: store.jobs,
      logger,
      signal: shutdown.signal,
      observe: (r) => seen.push(r.status),
    });
    expect((await store.jobs.list())[0]).toMatchObject({
      lastStatus: 'interrupted',
      lastMessage: 'harvest stopped after page 3',
      lockedBy: null,
    });
    expect(seen).toEqual(['interrupted']);
    await store.close();
  });
});
