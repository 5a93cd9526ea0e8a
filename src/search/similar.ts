// "Similar papers" and "paste an abstract": BM25 more-like-this over the example's distinctive terms, fused
// with the nearest vectors when the example has one (an indexed paper's stored vector, or pasted text
// embedded by the caller). Without vectors it is more-like-this alone.
import type Database from 'better-sqlite3';
import { vectorFilter } from './filters.js';
import { fuse } from './fusion.js';
import {
  EMPTY_FILTERS,
  type FusionSettings,
  type MoreLikeThisOptions,
  type SimilarHit,
  type SimilarOptions,
} from './search.models.js';
import type { VectorSearch } from './vector-search.js';
import type { VectorStore } from './vector-store.js';

/** Candidates taken from each side before fusing; a pool given by `restrictTo` is ranked whole. */
const SIMILAR_DEPTH = 100;

export function createSimilar({
  db,
  moreLikeThis,
  store,
  search,
  fusion,
  defaultModel,
}: {
  db: Database.Database;
  moreLikeThis: (text: string, options: MoreLikeThisOptions) => SimilarHit[];
  store: VectorStore;
  search: VectorSearch;
  fusion: FusionSettings;
  defaultModel: string | null;
}) {
  const arxivIds = db
    .prepare('SELECT paper_id, arxiv_id FROM docs WHERE paper_id IN (SELECT value FROM json_each(?))')
    .raw();

  return function similar(options: SimilarOptions): SimilarHit[] {
    const limit = Math.min(Math.max(Math.trunc(options.limit) || 0, 1), 200);
    const depth = Math.max(limit, options.restrictTo ? options.restrictTo.length : SIMILAR_DEPTH);
    const mlt = moreLikeThis(options.text, { ...options, limit: depth });
    const model = options.model ?? defaultModel;
    const vector = model
      ? (options.vector ?? (options.paperId != null ? store.vectorOf(options.paperId, model) : null))
      : null;
    if (!model || !vector) return mlt.slice(0, limit);
    const filter = vectorFilter({
      filters: EMPTY_FILTERS,
      restrictTo: options.restrictTo,
      excludePaperId: options.excludePaperId ?? options.paperId,
    });
    const near = search
      .knn({ model, vector, k: depth, filter })
      .map((n) => ({ paperId: n.paperId, score: n.similarity }));
    const fused = fuse({ keyword: mlt, semantic: near, settings: fusion }).slice(0, limit);
    const ids = new Map(mlt.map((h) => [h.paperId, h.arxivId]));
    const missing = fused.filter((f) => !ids.has(f.paperId)).map((f) => f.paperId);
    if (missing.length > 0)
      for (const [id, arxivId] of arxivIds.all(JSON.stringify(missing)) as [number, string][]) ids.set(id, arxivId);
    return fused.flatMap((f) =>
      ids.has(f.paperId) ? [{ paperId: f.paperId, arxivId: ids.get(f.paperId)!, score: f.score }] : [],
    );
  };
}
