import type { Logger } from 'pino';

/**
 * SIGTERM (a service manager, a container stop) or SIGINT (Ctrl-C) starts a graceful stop: `stop` closes the
 * listeners, lets in-flight requests finish and asks running jobs to stop after their current batch. If that
 * takes longer than `timeoutMs`, the process exits with 1 and says so; a second signal exits at once. Committed
 * work is never at risk either way (every job resumes from its checkpoint), only unfinished requests are cut.
 */
export function exitGracefullyOnSignals(opts: { logger: Logger; timeoutMs: number; stop: () => Promise<void> }): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      opts.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    opts.logger.info(
      { signal, timeoutSeconds: opts.timeoutMs / 1000 },
      'shutting down: no new connections; finishing in-flight requests and the running job batch',
    );
    const deadline = setTimeout(() => {
      opts.logger.error(
        { timeoutSeconds: opts.timeoutMs / 1000 },
        'shutdown took longer than shutdown.timeoutSeconds: exiting with work unfinished',
      );
      process.exit(1);
    }, opts.timeoutMs);
    opts.stop().then(
      () => {
        clearTimeout(deadline);
        opts.logger.info('shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        opts.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
