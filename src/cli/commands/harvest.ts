import type { Command } from 'commander';
import { isValidDay } from '../../core/dates.js';
import { harvestIntoStore } from '../../ingest/arxiv.usecases.js';
import { createArxivFetcher } from '../../ingest/arxiv-clients.js';
import { HarvestAbortedError } from '../../ingest/oai/harvest.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';
import { createProgressReporter } from '../progress.js';

interface HarvestOptions {
  from?: string;
  until?: string;
  set?: string[];
  format?: 'arXivRaw' | 'arXiv';
}

function day(name: string) {
  return (value: string) => {
    if (!isValidDay(value)) throw new CliExit(2, `error: --${name} must be a date YYYY-MM-DD, got "${value}"`);
    return value;
  };
}

export function registerHarvestCommand(program: Command) {
  program
    .command('harvest')
    .description('harvest arXiv metadata over OAI-PMH (resumable; exit code 0 = changed something, 3 = nothing new)')
    .option('--from <date>', 'first datestamp (YYYY-MM-DD); default: continue from the last harvest', day('from'))
    .option('--until <date>', 'last datestamp (YYYY-MM-DD)', day('until'))
    .option('--set <spec>', 'OAI set, repeatable (default: arxiv.oaiSets)', (v: string, all: string[] = []) => [
      ...all,
      v,
    ])
    .option('--format <format>', 'arXivRaw (default, with version history) or arXiv (structured affiliations)')
    .action(async (opts: HarvestOptions) => {
      if (opts.format && !['arXivRaw', 'arXiv'].includes(opts.format))
        throw new CliExit(2, 'error: --format must be arXivRaw or arXiv');
      await withServices(program.opts(), async ({ store, config, logger }) => {
        const controller = new AbortController();
        const stop = onInterrupt(() => {
          process.stderr.write('\ninterrupted: stopping after the current page (Ctrl-C again quits now)\n');
          controller.abort();
        });
        const progress = createProgressReporter({ label: 'harvest', unit: 'records', logger });
        try {
          const summary = await harvestIntoStore({
            store,
            config,
            fetcher: createArxivFetcher(config),
            from: opts.from,
            until: opts.until,
            sets: opts.set,
            format: opts.format,
            signal: controller.signal,
            onProgress: (p) => progress.update(p.summary.records, { window: `${p.set ?? '*'} p${p.page}` }),
          });
          progress.stop();
          process.stdout.write(
            `harvested ${summary.records} records in ${summary.pages} page(s): ${summary.inserted} new, ${summary.updated} updated, ` +
              `${summary.unchanged} unchanged, ${summary.withdrawn} withdrawn\n`,
          );
          if (!summary.changed) process.exitCode = 3;
        } catch (error) {
          if (error instanceof HarvestAbortedError) throw new CliExit(130, error.message);
          throw error;
        } finally {
          progress.stop();
          stop();
        }
      });
    });
}
