import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { JobsRepository } from '../store/jobs.repository.js';
import type { JobDefinition, JobResult } from './job.js';

const DEFAULT_LEASE_MS = 5 * 60_000;

/** Identifies this process in job leases ("host:pid:random"), so operators can see who runs what. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type JobOutcome =
  | { ran: false; reason: 'busy' }
  | { ran: true; result: JobResult }
  | { ran: true; error: Error };

/**
 * Runs a job once if nobody else holds its lease. The lease is renewed while the job runs; if it is lost
 * (the database was unreachable longer than the lease), the job is asked to stop.
 */
export async function runJobOnce(opts: {
  job: JobDefinition;
  jobs: JobsRepository;
  logger: Logger;
  signal?: AbortSignal;
  holder?: string;
  /** Told how each attempt ended, for the operator's metrics. */
  observe?: (run: { job: string; status: 'ok' | 'failed' | 'interrupted' | 'busy'; seconds?: number }) => void;
}): Promise<JobOutcome> {
  const { job, jobs } = opts;
  const holder = opts.holder ?? INSTANCE_ID;
  const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
  if (!(await jobs.tryAcquire(job.name, holder, leaseMs))) {
    opts.observe?.({ job: job.name, status: 'busy' });
    return { ran: false, reason: 'busy' };
  }
  const logger = opts.logger.child({ job: job.name });
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort);
  const heartbeat = setInterval(() => {
    // A failed renewal is retried at the next beat; logged, since enough of them lose the lease (and stop the job).
    jobs.renew(job.name, holder, leaseMs).then(
      (kept) => kept || controller.abort(),
      (err: unknown) => logger.warn({ err }, 'job lease renewal failed; retrying at the next heartbeat'),
    );
  }, leaseMs / 3);
  const started = performance.now();
  try {
    const result = await job.run({ signal: controller.signal, logger });
    const ms = Math.round(performance.now() - started);
    logger.info({ changed: result.changed, ms }, result.message);
    await jobs.release(job.name, holder, { status: 'ok', message: result.message });
    opts.observe?.({ job: job.name, status: 'ok', seconds: ms / 1000 });
    return { ran: true, result };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    // Stopped by a shutdown at its checkpoint: not a failure to alert on; the next run resumes from there.
    const status = opts.signal?.aborted ? 'interrupted' : 'failed';
    if (status === 'failed') logger.error({ err }, 'job failed');
    else logger.info({ reason: err.message }, 'job stopped at a checkpoint for shutdown');
    await jobs.release(job.name, holder, { status, message: err.message });
    opts.observe?.({ job: job.name, status, seconds: (performance.now() - started) / 1000 });
    return { ran: true, error: err };
  } finally {
    clearInterval(heartbeat);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
