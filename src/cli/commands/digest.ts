import path from 'node:path';
import type { Command } from 'commander';
import { isValidDay } from '../../core/dates.js';
import type { DigestPeriodKind } from '../../digest/digest.models.js';
import { runDigests } from '../../digest/digest.usecases.js';
import type { BuildSummary } from '../../digest/digest-build.usecases.js';
import { MailNotConfiguredError } from '../../digest/digest-mailer.js';
import type { DrainSummary } from '../../digest/outbox-sender.js';
import { INSTANCE_ID } from '../../jobs/runner.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';

interface RunOptions {
  period?: string;
  date?: string;
  dryRun?: string | boolean;
  to?: string;
}

function parseKinds(period: string | undefined): DigestPeriodKind[] {
  if (period === undefined) return ['daily', 'weekly'];
  if (period === 'daily' || period === 'weekly') return [period];
  throw new CliExit(2, `error: --period must be daily or weekly, not "${period}"`);
}

const describeBuild = (b: BuildSummary) =>
  `${b.periods.join(', ') || 'nothing due'}: ${b.built} digest(s) built${b.empty ? ` (${b.empty} with nothing new, not sent)` : ''}`;
const describeDrain = (d: DrainSummary) =>
  `sent ${d.sent}, retrying ${d.retrying}, failed ${d.failed}, skipped ${d.skipped}${d.recovered ? `, ${d.recovered} interrupted send(s) queued again` : ''}`;

export function registerDigestCommand(program: Command) {
  const digest = program.command('digest').description('e-mail digests: build and send them, or inspect the outbox');
  digest
    .command('run')
    .description(
      'build the digests that are due (or those of --date for every subscriber) and send them; safe to interrupt and re-run',
    )
    .option('--period <kind>', 'daily or weekly (default: both)')
    .option('--date <YYYY-MM-DD>', 'the period containing this UTC day, for every subscriber, whatever their hour')
    .option(
      '--dry-run [dir]',
      'write the mails to a folder (default: <data>/digest-preview) instead of sending; changes nothing',
    )
    .option('--to <email>', 'only this subscriber')
    .action((opts: RunOptions) =>
      withServices(program.opts(), async (services) => {
        const kinds = parseKinds(opts.period);
        if (opts.date !== undefined && !isValidDay(opts.date))
          throw new CliExit(2, `error: --date must be YYYY-MM-DD, not "${opts.date}"`);
        const dryRunDir =
          typeof opts.dryRun === 'string'
            ? path.resolve(opts.dryRun)
            : opts.dryRun
              ? path.resolve(services.config.data, 'digest-preview')
              : undefined;
        const controller = new AbortController();
        const stop = onInterrupt(() => {
          process.stderr.write('\ninterrupted: finishing the current page or message, then stopping\n');
          controller.abort();
        });
        let lastReport = 0;
        try {
          const summary = await runDigests({
            services,
            kinds,
            day: opts.date,
            email: opts.to,
            dryRunDir,
            holder: INSTANCE_ID,
            signal: controller.signal,
            onProgress: (stage, counts) => {
              if (Date.now() - lastReport < 2000) return;
              lastReport = Date.now();
              const text =
                stage === 'build' ? describeBuild(counts as BuildSummary) : describeDrain(counts as DrainSummary);
              process.stderr.write(`${stage}: ${text}\n`);
            },
          });
          if (summary.trained) process.stdout.write(`recommendations: ${summary.trained} model(s) retrained\n`);
          for (const b of summary.build) process.stdout.write(`built ${describeBuild(b)}\n`);
          if (dryRunDir)
            process.stdout.write(
              `dry run: ${summary.written} mail(s) written to ${dryRunDir}; nothing was sent or recorded\n`,
            );
          if (summary.drain) process.stdout.write(`${describeDrain(summary.drain)}\n`);
          if (controller.signal.aborted) throw new CliExit(130, 'stopped; run the same command again to continue');
          if (summary.drain?.stoppedBy === 'connection') {
            throw new CliExit(
              1,
              'error: the SMTP server could not be reached; the remaining digests wait for the next run',
            );
          }
        } catch (error) {
          if (error instanceof MailNotConfiguredError) throw new CliExit(2, `error: ${error.message}`);
          throw error;
        } finally {
          stop();
        }
      }),
    );
  digest
    .command('status')
    .description('subscribers and outbox rows by state, and the latest permanent failures')
    .action(() =>
      withServices(program.opts(), async ({ store }) => {
        const subscribers = await store.subscriptions.countByStatus();
        const outbox = await store.digestOutbox.countByStatus();
        process.stdout.write(
          `subscribers: ${Object.entries(subscribers)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}\n`,
        );
        process.stdout.write(
          `outbox: ${Object.entries(outbox)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}\n`,
        );
        for (const f of await store.digestOutbox.listWithEmail({ status: 'failed', limit: 20 })) {
          process.stdout.write(`failed ${f.periodKey} ${f.email}: ${f.lastError ?? ''}\n`);
        }
      }),
    );
}
