import type { Command } from 'commander';
import { declareJobs } from '../../jobs/definitions.js';
import { runJobOnce } from '../../jobs/runner.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';

export function registerJobsCommand(program: Command) {
  const jobs = program.command('jobs').description('background jobs: list their schedules and state, or run one now');
  jobs
    .command('list')
    .description('every job with its schedule and last run')
    .action(() =>
      withServices(program.opts(), async (services) => {
        const states = new Map((await services.store.jobs.list()).map((s) => [s.name, s]));
        for (const job of declareJobs(services)) {
          const s = states.get(job.name);
          const last = s?.lastStartedAt
            ? `last ${s.lastStatus ?? 'running'} at ${s.lastStartedAt}: ${s.lastMessage ?? ''}`
            : 'never run';
          process.stdout.write(
            `${job.name.padEnd(12)} ${(job.schedule || '(manual)').padEnd(16)} ${job.doc}\n${' '.repeat(30)}${last}\n`,
          );
        }
      }),
    );
  jobs
    .command('run')
    .argument('<name>', 'job name (see `jobs list`)')
    .description(
      'run one job now, unless another process is running it; exit code 0 = changed something, 3 = nothing changed',
    )
    .action((name: string) =>
      withServices(program.opts(), async (services) => {
        const job = declareJobs(services).find((j) => j.name === name);
        if (!job) throw new CliExit(2, `error: no job named "${name}"; see \`dailypapers jobs list\``);
        const controller = new AbortController();
        const stop = onInterrupt(() => controller.abort());
        try {
          const outcome = await runJobOnce({
            job,
            jobs: services.store.jobs,
            logger: services.logger,
            signal: controller.signal,
          });
          if (!outcome.ran) throw new CliExit(4, `job ${name} is already running in another process`);
          if ('error' in outcome) throw new CliExit(1, `job ${name} failed: ${outcome.error.message}`);
          process.stdout.write(`${outcome.result.message}\n`);
          if (!outcome.result.changed) process.exitCode = 3;
        } finally {
          stop();
        }
      }),
    );
}
