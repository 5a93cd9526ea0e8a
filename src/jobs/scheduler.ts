import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { JobsRepository } from '../store/jobs.repository.js';
import type { JobDefinition } from './job.js';
import { runJobOnce } from './runner.js';

export interface Scheduler {
  /** Stops scheduling and waits for running jobs to reach a checkpoint and finish. */
  stop(): Promise<void>;
}

/**
 * Runs each scheduled job on its cron expression inside this process. `protect` keeps a job from overlapping
 * itself here; the database lease keeps it from overlapping a run in another process.
 */
export function startScheduler(opts: {
  jobs: JobDefinition[];
  repository: JobsRepository;
  logger: Logger;
  observe?: Parameters<typeof runJobOnce>[0]['observe'];
}): Scheduler {
  const controller = new AbortController();
  const running = new Set<Promise<unknown>>();
  const crons = opts.jobs
    .filter((job) => job.schedule.trim() !== '')
    .map(
      (job) =>
        new Cron(job.schedule, { protect: true, timezone: 'UTC' }, async () => {
          const run = runJobOnce({
            job,
            jobs: opts.repository,
            logger: opts.logger,
            signal: controller.signal,
            observe: opts.observe,
          });
          running.add(run);
          try {
            await run;
          } catch (err) {
            // runJobOnce reports a failing job itself; this is the store failing before or after it (the lease).
            opts.logger.error({ err, job: job.name }, 'job could not be run; trying again at its next time');
          } finally {
            running.delete(run);
          }
        }),
    );
  opts.logger.info(
    { jobs: opts.jobs.filter((j) => j.schedule.trim()).map((j) => `${j.name} (${j.schedule})`) },
    'scheduler started',
  );
  return {
    async stop() {
      for (const cron of crons) cron.stop();
      controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}
