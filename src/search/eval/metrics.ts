// Standard ranking metrics, as trec_eval / pytrec_eval compute them: nDCG with log2 discount and the ideal
// ranking taken from the judgments; recall over judged-relevant documents (score > 0); reciprocal rank.

/** Judgments of one query: document id → graded relevance (0 = judged not relevant). */
export type Judgments = ReadonlyMap<string, number>;

export type Gain = 'linear' | 'exponential';

const gainOf = (rel: number, gain: Gain) => (gain === 'linear' ? rel : 2 ** rel - 1);

export function ndcgAt({
  ranked,
  judgments,
  k,
  gain = 'linear',
}: {
  ranked: readonly string[];
  judgments: Judgments;
  k: number;
  gain?: Gain;
}): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const rel = judgments.get(id) ?? 0;
    if (rel > 0) dcg += gainOf(rel, gain) / Math.log2(i + 2);
  });
  const ideal = [...judgments.values()]
    .filter((r) => r > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((rel, i) => {
    idcg += gainOf(rel, gain) / Math.log2(i + 2);
  });
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAt({ ranked, judgments, k }: { ranked: readonly string[]; judgments: Judgments; k: number }) {
  const relevant = [...judgments].filter(([, r]) => r > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function mrrAt({ ranked, judgments, k }: { ranked: readonly string[]; judgments: Judgments; k: number }) {
  const i = ranked.slice(0, k).findIndex((id) => (judgments.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
