// The demo's own community content: one account named "demo" that wrote a few comments and keeps one public
// collection, each saying that it is demo content. Comments restate what the paper's abstract says, nothing more.
import type { Store } from '../store/store.js';

export const DEMO_ACCOUNT = 'demo';

const COMMENTS: Array<{ arxivId: string; body: string }> = [
  {
    arxivId: '2401.04088',
    body: '*Demo comment, written by the demo loader.* The abstract in one line: 8 feed-forward experts per layer, a router picks two for each token, so 13B of the 47B parameters are active. Sign up to reply, upvote or start your own thread.',
  },
  {
    arxivId: '2402.17764',
    body: '*Demo comment, written by the demo loader.* Every weight is ternary, {-1, 0, 1}, and the abstract reports that it matches an FP16/BF16 Transformer of the same size in perplexity and end-task performance. The most upvoted paper of this demo (553 upvotes on Hugging Face).',
  },
  {
    arxivId: '2403.03507',
    body: '*Demo comment, written by the demo loader.* Full-parameter learning with a low-rank projection of the gradients; the abstract reports pre-training a 7B model on a 24 GB consumer GPU.',
  },
];

const COLLECTION = {
  name: 'Mixture of experts (demo collection)',
  description:
    'A public collection made by the demo loader: papers of this demo about mixture-of-experts models. Sign up to make your own.',
  arxivIds: [
    '2401.04088', // Mixtral of Experts
    '2401.04081', // MoE-Mamba
    '2401.06066', // DeepSeekMoE
    '2401.15947', // MoE-LLaVA
    '2402.01739', // OpenMoE
    '2402.01771', // BlackMamba
    '2402.07033', // Fiddler
    '2402.07871', // Scaling Laws for Fine-Grained Mixture of Experts
    '2402.08609', // Mixtures of Experts Unlock Parameter Scaling for Deep RL
    '2403.07816', // Branch-Train-MiX
  ],
};

/** `at`: when the content is dated (the load time, so nothing is later than now). */
export async function addDemoContent(opts: {
  store: Store;
  at: string;
}): Promise<{ comments: number; collected: number }> {
  const { store, at } = opts;
  const userId = await store.users.create({ username: DEMO_ACCOUNT, role: 'demo' });
  const idOf = async (arxivId: string) => {
    const paper = await store.papers.findByArxivId(arxivId);
    if (!paper) throw new Error(`demo content names ${arxivId}, which is not in the demo data`);
    return paper.id;
  };
  for (const c of COMMENTS) {
    await store.comments.create({
      paperId: await idOf(c.arxivId),
      userId,
      parentId: null,
      body: c.body,
      createdAt: at,
    });
  }
  const collectionId = await store.collections.create({
    userId,
    name: COLLECTION.name,
    description: COLLECTION.description,
    isPublic: true,
    now: at,
  });
  for (const arxivId of COLLECTION.arxivIds) await store.collections.addPaper(collectionId, await idOf(arxivId), at);
  return { comments: COMMENTS.length, collected: COLLECTION.arxivIds.length };
}
