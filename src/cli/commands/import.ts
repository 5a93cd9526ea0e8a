import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importSnapshotIntoStore } from '../../ingest/import.usecases.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';
import { createProgressReporter } from '../progress.js';

interface ImportOptions {
  strict?: boolean;
  batchSize?: string;
  restart?: boolean;
}

export function registerImportCommand(program: Command) {
  program
    .command('import')
    .argument('<file>', 'arXiv metadata snapshot: JSON Lines, plain or .gz (arxiv-metadata-oai-snapshot.json)')
    .description('import papers from the arXiv metadata snapshot (idempotent, resumable after Ctrl-C or kill)')
    .option('--strict', 'stop at the first malformed line instead of skipping it')
    .option('--batch-size <n>', 'papers per transaction (default: import.batchSize, 10000)')
    .option('--restart', 'ignore a saved checkpoint and read the file from the start')
    .action(async (file: string, opts: ImportOptions) => {
      const overrides = opts.batchSize ? { 'import.batchSize': opts.batchSize } : {};
      await withServices(
        program.opts(),
        async ({ store, logger, config }) => {
          const absolute = path.resolve(file);
          const info = await stat(absolute).catch(() => {
            throw new CliExit(2, `error: cannot read ${file}`);
          });
          const controller = new AbortController();
          const stopListening = onInterrupt(() => {
            process.stderr.write(
              '\ninterrupted: finishing the current batch, then stopping (press Ctrl-C again to quit now)\n',
            );
            controller.abort();
          });
          const progress = createProgressReporter({ label: 'import', total: info.size, unit: 'bytes', logger });
          let malformedShown = 0;
          try {
            const summary = await importSnapshotIntoStore({
              store,
              path: absolute,
              batchSize: config.import.batchSize,
              strict: opts.strict,
              restart: opts.restart,
              signal: controller.signal,
              onResume: ({ lastLine }) =>
                process.stderr.write(`resuming after line ${lastLine} (checkpoint of an interrupted import)\n`),
              onProgress: (p) => progress.update(p.bytesRead, { papers: p.papers, lines: p.lines }),
              onMalformed: (error) => {
                if (malformedShown++ < 20) process.stderr.write(`\nskipped ${error.message}\n`);
              },
            });
            progress.stop();
            const rate = Math.round(summary.papers / Math.max(0.001, summary.durationMs / 1000));
            process.stdout.write(
              `${summary.aborted ? 'stopped' : 'done'}: ${summary.papers} papers in ${(summary.durationMs / 1000).toFixed(1)} s ` +
                `(${rate}/s) — ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
                `${summary.malformed} malformed line(s) skipped${summary.skippedByResume ? `, ${summary.skippedByResume} lines already imported` : ''}\n`,
            );
            if (summary.aborted) throw new CliExit(130, 'run the same command again to finish the import');
          } finally {
            progress.stop();
            stopListening();
          }
        },
        { overrides },
      );
    });
}
