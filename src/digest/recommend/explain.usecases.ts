// Explanations for one reader's recommendations ("because you saved …", the words that weighed most), loaded once
// per list: their liked papers (newest interactions first, as the model sees them) vectorised in the corpus's
// feature space, and their model's weights as a lookup.
import type { StoredPaper } from '../../papers/papers.models.js';
import type { Store } from '../../store/store.js';
import type { StoredRecModel } from '../digest.models.js';
import { type Explanation, explainRecommendation, type LikedPaper, weightLookup } from './explain.js';
import { vectorize } from './features.js';
import type { RecCorpus } from './train.usecases.js';
import { modelOf } from './train.usecases.js';

/** How many of a reader's liked papers are compared (their newest): enough for a sensible "because". */
const MAX_LIKED = 200;

export type PaperExplanation = Explanation<StoredPaper>;

export async function loadExplainer(opts: {
  store: Store;
  userId: number;
  corpus: RecCorpus;
  model: StoredRecModel | null;
}): Promise<(paper: StoredPaper) => PaperExplanation> {
  const interactions = await opts.store.recommendations.interactionsOf(opts.userId, MAX_LIKED);
  const kinds = new Map<number, (typeof interactions)[number]['kind']>();
  for (const i of interactions) if (!kinds.has(i.paperId)) kinds.set(i.paperId, i.kind);
  const papers = await opts.store.papers.findByIds([...kinds.keys()]);
  const liked: LikedPaper<StoredPaper>[] = papers.map((paper) => ({
    paper,
    paperId: paper.id,
    kind: kinds.get(paper.id)!,
    vector: vectorize(opts.corpus.space, paper),
  }));
  const weights = weightLookup(modelOf(opts.model));
  return (paper) =>
    explainRecommendation({
      paperId: paper.id,
      text: paper,
      vector: vectorize(opts.corpus.space, paper),
      weights,
      liked,
    });
}
