import path from 'node:path';
import type { Command } from 'commander';
import type { EmbeddingProvider } from '../../embeddings/provider.js';
import { providerOptionsOf } from '../../embeddings/provider-options.js';
import { createWorkerProvider } from '../../embeddings/worker-pool.js';
import { evaluateBeir, evaluateSimilar } from '../../search/index.js';
import { RERANK_MODES } from '../../search/rerank/reranker.js';
import type { FusionSettings, RerankMode } from '../../search/search.models.js';
import { CliExit, loadCliConfig } from '../bootstrap.js';

interface EvalOptions {
  dataset: string;
  mode: string;
  split: string;
  json?: boolean;
  similar?: boolean;
  fusion?: string;
  weight?: string;
  rerank: string;
  model?: string;
}

export function registerEvalCommand(program: Command) {
  program
    .command('eval')
    .description('measure search quality on a BEIR-layout benchmark (corpus.jsonl, queries.jsonl, qrels/<split>.tsv)')
    .requiredOption('--dataset <dir>', 'benchmark folder, e.g. ../shared/data/beir-scifact')
    .option(
      '--mode <mode>',
      'keyword, semantic or hybrid (semantic and hybrid embed the corpus with the configured provider)',
      'keyword',
    )
    .option('--split <split>', 'qrels split: test or train (tune on train, report test)', 'test')
    .option('--similar', 'evaluate query-by-example ("similar papers", nDCG@20), e.g. on ../shared/data/csfcube')
    .option('--fusion <method>', 'hybrid fusion: rrf or linear (default: search.fusion)')
    .option('--weight <w>', 'semantic weight in hybrid fusion (default: search.semanticWeight)')
    .option(
      '--rerank <stage>',
      'second stage of keyword ranking: off, prf (RM3 feedback) or model (learned reranker)',
      'off',
    )
    .option('--model <file>', 'reranker model file for --rerank model (default: the shipped ranking/reranker.json)')
    .option('--json', 'print one JSON object')
    .action(async (opts: EvalOptions) => {
      if (!['test', 'train', 'dev'].includes(opts.split))
        throw new CliExit(2, 'error: --split must be test, train or dev');
      if (!['keyword', 'semantic', 'hybrid'].includes(opts.mode)) {
        throw new CliExit(2, 'error: --mode must be keyword, semantic or hybrid');
      }
      if (!RERANK_MODES.includes(opts.rerank as RerankMode))
        throw new CliExit(2, 'error: --rerank must be off, prf or model');
      const rerank = opts.rerank as RerankMode;
      const modelFile = opts.model === undefined ? undefined : path.resolve(opts.model);
      if (opts.fusion !== undefined && !['rrf', 'linear'].includes(opts.fusion))
        throw new CliExit(2, 'error: --fusion must be rrf or linear');
      const weight = opts.weight === undefined ? undefined : Number(opts.weight);
      if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0))
        throw new CliExit(2, 'error: --weight must be a number ≥ 0');
      const config = loadCliConfig(program.opts());
      const fusion: FusionSettings = {
        method: (opts.fusion as FusionSettings['method'] | undefined) ?? config.search.fusion,
        semanticWeight: weight ?? config.search.semanticWeight,
      };
      const mode = opts.mode as 'keyword' | 'semantic' | 'hybrid';
      let provider: EmbeddingProvider | null = null;
      if (mode !== 'keyword') {
        const options = providerOptionsOf(config);
        if (!options) {
          throw new CliExit(
            2,
            `error: --mode ${mode} needs an embedding provider (embeddings.provider is none); only keyword mode can be measured`,
          );
        }
        provider = createWorkerProvider({ options, workers: config.embeddings.workers });
      }
      const datasetDir = path.resolve(opts.dataset);
      try {
        const metrics = opts.similar
          ? await evaluateSimilar({ datasetDir, provider, fusion, rerank, modelFile })
          : await evaluateBeir({
              datasetDir,
              split: opts.split as 'test' | 'train' | 'dev',
              mode,
              provider,
              fusion,
              rerank,
              modelFile,
            });
        process.stdout.write(opts.json ? `${JSON.stringify(metrics)}\n` : `${formatMetrics(metrics)}\n`);
      } finally {
        await provider?.close();
      }
    });
}

function formatMetrics(metrics: object): string {
  return Object.entries(metrics)
    .map(
      ([k, v]) => `${k.padEnd(12)} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : JSON.stringify(v)}`,
    )
    .join('\n');
}
