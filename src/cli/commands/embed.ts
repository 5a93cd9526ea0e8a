import type { Command } from 'commander';
import { providerIdOf, providerOptionsOf } from '../../embeddings/provider-options.js';
import { embedPendingPapers, storeVectorFeed } from '../../jobs/embed.usecases.js';
import { storeChangeFeed } from '../../papers/search.usecases.js';
import { syncSearchIndex, syncVectors } from '../../search/index.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';
import { createProgressReporter } from '../progress.js';

export function registerEmbedCommand(program: Command) {
  program
    .command('embed')
    .description(
      'compute embeddings for papers that have none yet (resumable: Ctrl-C or kill, then run again to continue)',
    )
    .action(() =>
      withServices(program.opts(), async ({ store, config, logger, search }) => {
        if (config.embeddings.provider === 'none') {
          throw new CliExit(
            2,
            'error: no embedding provider is configured (set embeddings.provider to onnx or http); search stays keyword-only',
          );
        }
        const controller = new AbortController();
        const stop = onInterrupt(() => controller.abort());
        try {
          // Papers the index has not seen yet would be missed, so the index first catches up with the store.
          await syncSearchIndex({
            index: search,
            fetchChanges: storeChangeFeed(store),
            batchSize: 2000,
            signal: controller.signal,
          });
          // …and takes the vectors the store already has (another host's job, or an index rebuilt since).
          const model = providerIdOf(providerOptionsOf(config)!);
          const { written: copied } = await syncVectors({
            index: search,
            model,
            fetchVectors: storeVectorFeed(store, model),
            signal: controller.signal,
          });
          const status = search.embeddingStatus({ model });
          const progress = createProgressReporter({
            label: 'embed',
            total: status.total - status.embedded,
            unit: 'papers',
            logger,
          });
          const result = await embedPendingPapers({
            config,
            index: search,
            store,
            signal: controller.signal,
            onProgress: (p) => progress.update(p.embedded),
          });
          progress.stop();
          const after = search.embeddingStatus({ model: result.model });
          const fromStore = copied + result.copied > 0 ? ` (${copied + result.copied} copied from the store)` : '';
          const summary = `embedded ${result.embedded} papers with ${result.model}${fromStore}; ${after.embedded} of ${after.total} indexed papers have vectors`;
          if (result.interrupted) throw new CliExit(130, `interrupted: ${summary}; run again to continue`);
          process.stdout.write(`${summary}\n`);
        } finally {
          stop();
        }
      }),
    );
}
