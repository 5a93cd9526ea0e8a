import type { Command } from 'commander';
import { fetchIntoStore } from '../../ingest/arxiv.usecases.js';
import { createArxivFetcher } from '../../ingest/arxiv-clients.js';
import { withServices } from '../bootstrap.js';

export function registerFetchCommand(program: Command) {
  program
    .command('fetch')
    .argument('<ids...>', 'arXiv ids or URLs: 2401.01234, 2401.01234v2, hep-th/9901001, https://arxiv.org/abs/…')
    .description('fetch papers from the arXiv API and store them')
    .action((ids: string[]) =>
      withServices(program.opts(), async ({ store, config }) => {
        const result = await fetchIntoStore({ store, config, fetcher: createArxivFetcher(config), ids });
        for (const paper of result.papers) process.stdout.write(`${paper.arxivId}v${paper.version}  ${paper.title}\n`);
        process.stdout.write(`${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged\n`);
      }),
    );
}
