// First-stage normalisation (issue 18, idea 1): SciFact *train* nDCG@10 with the query-side spelling variants
// of query-plan.ts (term-variants.ts) off and on, BM25 alone and with the shipped reranker. SciFact test is
// never read here; CSFCube's similar-papers ranking does not go through the query planner, so it cannot move.
//   npx tsx scripts/eval-variants.ts [--dataset ../shared/data/beir-scifact] [--model FILE] [--variants joined,spelling]
import { parseArgs } from 'node:util';
import { evaluateBeir } from '../src/search/eval/beir.js';
import { PLAN_TUNING, type VariantKind } from '../src/search/query-plan.js';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: '../shared/data/beir-scifact' },
    model: { type: 'string' },
    variants: { type: 'string' },
  },
});
const settings: VariantKind[][] = args.variants
  ? [args.variants.split(',') as VariantKind[]]
  : [[], ['spelling'], ['joined'], ['spelling', 'joined']];
for (const variants of settings) {
  PLAN_TUNING.variants = variants;
  const figures: string[] = [];
  for (const rerank of ['off', 'model'] as const) {
    const m = await evaluateBeir({ datasetDir: args.dataset, split: 'train', rerank, modelFile: args.model });
    figures.push(`${rerank === 'off' ? 'BM25' : '+reranker'} ${m['ndcg@10'].toFixed(4)} (R@100 ${m['recall@100']})`);
  }
  console.log(`variants ${variants.join('+') || 'none'}: ${figures.join(', ')}`);
}
