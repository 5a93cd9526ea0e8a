import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { providerIdOf, providerOptionsOf } from '../../embeddings/provider-options.js';
import { storeVectorFeed } from '../../jobs/embed.usecases.js';
import { storeChangeFeed } from '../../papers/search.usecases.js';
import { openSearchIndex, syncSearchIndex, syncVectors } from '../../search/index.js';
import { CliExit, withServices } from '../bootstrap.js';
import { onInterrupt } from '../interrupt.js';
import { createProgressReporter } from '../progress.js';

export function registerReindexCommand(program: Command) {
  program
    .command('reindex')
    .description('rebuild the search index from the store (the store is the truth; the index can always be rebuilt)')
    .action(() =>
      withServices(program.opts(), async ({ store, config, logger, search }) => {
        // The new index is built beside the live one and swapped in at the end, so search keeps working meanwhile;
        // running servers pick it up when restarted.
        search.close();
        const live = path.join(config.data, 'search.db');
        const building = path.join(config.data, 'search.db.rebuild');
        for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
        const index = openSearchIndex({ path: building });
        let open = true;
        const closeIndex = () => {
          if (open) index.close();
          open = false;
        };
        const total = await store.papers.maxChangeSeq();
        const progress = createProgressReporter({ label: 'reindex', total, unit: 'changes', logger });
        const controller = new AbortController();
        const stop = onInterrupt(() => controller.abort());
        try {
          const result = await syncSearchIndex({
            index,
            fetchChanges: storeChangeFeed(store),
            batchSize: 2000,
            signal: controller.signal,
            onProgress: (p) => progress.update(p.lastSeq, { papers: p.applied }),
          });
          progress.stop();
          if (controller.signal.aborted) throw new CliExit(130, 'interrupted: the live index is unchanged');
          index.optimize();
          // The sync started the impact lists' build on a worker thread; the file is handed over with them.
          await index.impactBuild();
          // Vectors are expensive to compute and do not depend on the keyword index: keep those of unchanged papers.
          const keptVectors = existsSync(live) ? index.copyVectorsFrom({ file: live }) : 0;
          // The store has every vector the embedding job wrote; take those the old file lacked.
          const embedder = providerOptionsOf(config);
          const model = embedder ? providerIdOf(embedder) : null;
          const storedVectors = model
            ? (
                await syncVectors({
                  index,
                  model,
                  fetchVectors: storeVectorFeed(store, model),
                  signal: controller.signal,
                })
              ).written
            : 0;
          const count = index.count();
          closeIndex();
          for (const suffix of ['-wal', '-shm']) rmSync(live + suffix, { force: true });
          renameSync(building, live);
          process.stdout.write(
            `search index rebuilt: ${count} papers (${result.applied} changes applied, ${keptVectors} embeddings kept, ${storedVectors} copied from the store)\n`,
          );
        } finally {
          stop();
          closeIndex();
        }
      }),
    );
}
