// Semantic and hybrid ranking on top of the vector search: nearest papers become candidates like keyword
// matches (same fields, so facets, sorting and paging work unchanged), and hybrid mode fuses both lists.
import type Database from 'better-sqlite3';
import type { Candidate } from './candidates.js';
import type { VectorFilter } from './filters.js';
import { fuse } from './fusion.js';
import type { FusionSettings, SemanticRequest } from './search.models.js';
import type { VectorSearch } from './vector-search.js';
import type { VectorStore } from './vector-store.js';

type DocRow = [number, string, string, number, number, string, number, string | null, string | null];

export interface KeywordRanking {
  rows: Candidate[];
  semantics: 'and' | 'or';
  total: number;
  totalExact: boolean;
}

export function createSemanticRanker({
  db,
  store,
  search,
  fusion,
}: {
  db: Database.Database;
  store: VectorStore;
  search: VectorSearch;
  fusion: FusionSettings;
}) {
  const docs = db
    .prepare(
      `SELECT paper_id, arxiv_id, primary_category, year, has_code, published_at, upvotes,
              categories, authors
       FROM docs WHERE paper_id IN (SELECT value FROM json_each(?))`,
    )
    .raw();
  const known = new Map<string, boolean>();

  const candidatesOf = (scores: ReadonlyMap<number, number>): Map<number, Candidate> => {
    const rows = docs.all(JSON.stringify([...scores.keys()])) as DocRow[];
    return new Map(
      rows.map((r) => [
        r[0],
        {
          paperId: r[0],
          arxivId: r[1],
          score: scores.get(r[0]) ?? 0,
          primaryCategory: r[2],
          year: r[3],
          hasCode: r[4] === 1,
          publishedAt: r[5],
          upvotes: r[6],
          categories: r[7] ? r[7].split(' ') : [],
          authors: r[8] ?? '',
        },
      ]),
    );
  };

  return {
    /** Whether any vector of this model is indexed (cached; `forget` clears it after writes). */
    has(model: string): boolean {
      let yes = known.get(model);
      if (yes === undefined) {
        yes = store.hasVectors(model);
        known.set(model, yes);
      }
      return yes;
    },
    forget: () => known.clear(),
    neighbours({ request, k, filter }: { request: SemanticRequest; k: number; filter: VectorFilter }): Candidate[] {
      const near = search.knn({ model: request.model, vector: request.vector, k, filter });
      const byId = candidatesOf(new Map(near.map((n) => [n.paperId, n.similarity])));
      return near.flatMap((n) => byId.get(n.paperId) ?? []);
    },
    fuseWith({
      keyword,
      semantic,
      request,
    }: {
      keyword: KeywordRanking;
      semantic: Candidate[];
      request: SemanticRequest;
    }): KeywordRanking {
      const fused = fuse({ keyword: keyword.rows, semantic, settings: request.fusion ?? fusion });
      const byId = new Map<number, Candidate>([...semantic, ...keyword.rows].map((c) => [c.paperId, c]));
      const rows = fused.flatMap((f) => {
        const c = byId.get(f.paperId);
        return c ? [{ ...c, score: f.score }] : [];
      });
      const extra = rows.length - keyword.rows.length;
      return { rows, semantics: keyword.semantics, total: keyword.total + extra, totalExact: keyword.totalExact };
    },
  };
}

export type SemanticRanker = ReturnType<typeof createSemanticRanker>;
