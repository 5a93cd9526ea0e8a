// Combining a keyword ranking with a semantic one. Reciprocal-rank fusion (Cormack et al. 2009) uses ranks
// only, so BM25 and cosine scores never need a common scale; linear fusion min-max normalises each list
// and adds them with weights, which keeps score gaps (a far-ahead BM25 hit stays ahead).
import type { FusionSettings } from './search.models.js';

export interface Scored {
  paperId: number;
  score: number;
}

/** Fused scores, best first; `keyword` and `semantic` must each be sorted best first. */
export function fuse({
  keyword,
  semantic,
  settings,
}: {
  keyword: readonly Scored[];
  semantic: readonly Scored[];
  settings: FusionSettings;
}): Scored[] {
  const fused =
    settings.method === 'rrf' ? rrf({ keyword, semantic, settings }) : linear({ keyword, semantic, settings });
  return [...fused]
    .map(([paperId, score]) => ({ paperId, score }))
    .sort((a, b) => b.score - a.score || a.paperId - b.paperId);
}

function rrf({
  keyword,
  semantic,
  settings,
}: {
  keyword: readonly Scored[];
  semantic: readonly Scored[];
  settings: FusionSettings;
}) {
  const k = settings.rrfK ?? 60;
  const out = new Map<number, number>();
  const add = (list: readonly Scored[], weight: number) => {
    if (weight <= 0) return;
    list.forEach((item, rank) => {
      out.set(item.paperId, (out.get(item.paperId) ?? 0) + weight / (k + rank + 1));
    });
  };
  add(keyword, 1);
  add(semantic, settings.semanticWeight);
  // A paper only the semantic side found must still appear when the semantic weight is 0: keep every id.
  for (const s of semantic) if (!out.has(s.paperId)) out.set(s.paperId, 0);
  return out;
}

function linear({
  keyword,
  semantic,
  settings,
}: {
  keyword: readonly Scored[];
  semantic: readonly Scored[];
  settings: FusionSettings;
}) {
  const w = Math.min(Math.max(settings.semanticWeight, 0), 1);
  const kw = minMax(keyword);
  const sem = minMax(semantic);
  const out = new Map<number, number>();
  for (const [id, s] of kw) out.set(id, (1 - w) * s);
  for (const [id, s] of sem) out.set(id, (out.get(id) ?? 0) + w * s);
  return out;
}

/** Scores scaled to [0, 1] within the list; a list whose scores are all equal scores 1 everywhere. */
export function minMax(list: readonly Scored[]): Map<number, number> {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of list) {
    if (s.score < lo) lo = s.score;
    if (s.score > hi) hi = s.score;
  }
  const span = hi - lo;
  return new Map(list.map((s) => [s.paperId, span > 0 ? (s.score - lo) / span : 1]));
}
