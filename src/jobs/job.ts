import type { Logger } from 'pino';

export interface JobContext {
  /** Aborted when the process shuts down or the lease is lost; long jobs stop at their next checkpoint. */
  signal: AbortSignal;
  logger: Logger;
}

export interface JobResult {
  /** Whether the job changed anything (new papers, new listings…), so later steps can skip. */
  changed: boolean;
  message: string;
}

export interface JobDefinition {
  name: string;
  doc: string;
  /** Cron expression (5 fields, or 6 with seconds); empty disables the schedule (the job still runs from the CLI). */
  schedule: string;
  /** How long a lease lasts before it must be renewed; a crashed holder blocks others at most this long. */
  leaseMs?: number;
  run(ctx: JobContext): Promise<JobResult>;
}
