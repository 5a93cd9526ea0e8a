import { NO_MODEL_REASON, type QueryEmbedder } from '../embeddings/query-embedder.js';
import type { SearchIndex, SearchOptions, SearchResult } from '../search/index.js';
import { parseSearchQuery } from '../search/index.js';
import type { SearchDocument, SearchMode, SearchQuery, SemanticRequest } from '../search/search.models.js';
import type { Store } from '../store/store.js';
import type { StoredPaper } from './papers.models.js';
import { searchExampleEmpty, searchExampleTooLong, searchQueryTooLong } from './search.errors.js';

// Search as the site uses it: the derived index ranks, the store (the truth) supplies what is shown. The page,
// the JSON API, the Hugging Face–shaped endpoint and feeds all call these functions.

export function toSearchDocument(paper: StoredPaper, upvotes = 0): SearchDocument {
  return {
    paperId: paper.id,
    arxivId: paper.arxivId,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => a.name),
    categories: paper.categories,
    primaryCategory: paper.primaryCategory,
    publishedAt: paper.publishedAt,
    hasCode: paper.codeUrl !== null,
    upvotes,
    withdrawn: paper.withdrawn,
    changeSeq: paper.changeSeq,
  };
}

/** What the index follows: the store's changes in sequence order, as search documents. */
export function storeChangeFeed(store: Store) {
  return async (afterSeq: number, limit: number) => {
    const papers = await store.papers.changedSince(afterSeq, limit);
    const upvotes = await store.listings.upvotesByPaperIds(papers.map((p) => p.id));
    return papers.map((p) => toSearchDocument(p, upvotes.get(p.id) ?? 0));
  };
}

export interface SearchRequest {
  text: string;
  options: SearchOptions;
  /** Requested ranking (default keyword). Semantic and hybrid need `embeddings`; otherwise keyword, with a note. */
  mode?: SearchMode;
  embeddings?: QueryEmbedder | null;
  /** false: a query that finds nothing is not answered with its spelling correction's results (still suggested). */
  spell?: boolean;
}

/** "Did you mean": `applied` when the results shown are those of `text` because the query as typed found nothing. */
export interface SpellingHint {
  text: string;
  applied: boolean;
}

export type SearchPageResult = SearchResult & {
  spelling: SpellingHint | null;
  items: Array<{
    paper: StoredPaper;
    highlightedTitle: string;
    highlightedAbstract: string;
    marked: { title: string; abstract: string };
    score: number;
  }>;
  query: ReturnType<typeof parseSearchQuery>;
  requestedMode: SearchMode;
  /** Why the requested semantic/hybrid ranking was not used (shown to the reader), or null. */
  semanticNote: string | null;
};

const MAX_QUERY_LENGTH = 2000;
/** Below this many results a keyword query is checked for misspellings (and when all its words were not found together). */
const FEW_RESULTS = 10;

export async function searchPapers(
  store: Store,
  index: SearchIndex,
  request: SearchRequest,
): Promise<SearchPageResult> {
  if (request.text.length > MAX_QUERY_LENGTH) {
    throw searchQueryTooLong({ message: `A search can be at most ${MAX_QUERY_LENGTH} characters long` });
  }
  const query = parseSearchQuery(request.text);
  const requestedMode = request.mode ?? 'keyword';
  const { semantic, note } = await semanticRequest({
    query,
    mode: requestedMode,
    embeddings: request.embeddings ?? null,
  });
  let result = index.search(query, { ...request.options, semantic });
  let spelling: SpellingHint | null = null;
  let shown = query;
  if (
    result.mode === 'keyword' &&
    result.semantics !== 'none' &&
    (result.total < FEW_RESULTS || result.semantics === 'or')
  ) {
    const suggestion = index.suggestSpelling({ query, text: request.text });
    if (suggestion) {
      spelling = { text: suggestion.text, applied: false };
      // The correction answers instead when the query as typed found nothing, or found papers only by some of
      // its words while the corrected query finds papers with all of them ("difusion models").
      if (request.spell !== false && (result.total === 0 || result.semantics === 'or')) {
        const correctedQuery = parseSearchQuery(suggestion.text);
        const corrected = index.search(correctedQuery, { ...request.options, semantic });
        if (corrected.total > 0 && (result.total === 0 || corrected.semantics === 'and')) {
          result = corrected;
          shown = correctedQuery;
          spelling.applied = true;
        }
      }
    }
  }
  const semanticNote =
    note ??
    (semantic && result.mode === 'keyword'
      ? `Keyword search only — no paper has a vector from ${semantic.model} yet (the embedding job fills them in).`
      : null);
  const papers = new Map((await store.papers.findByIds(result.hits.map((h) => h.paperId))).map((p) => [p.id, p]));
  // A hit whose paper vanished from the store (index not yet caught up) is dropped rather than shown stale.
  const items = result.hits.flatMap((hit) => {
    const paper = papers.get(hit.paperId);
    return paper
      ? [
          {
            paper,
            highlightedTitle: hit.highlightedTitle,
            highlightedAbstract: hit.highlightedAbstract,
            marked: hit.marked,
            score: hit.score,
          },
        ]
      : [];
  });
  return { ...result, items, query: shown, requestedMode, semanticNote, spelling };
}

/** The query vector for semantic/hybrid mode, or the reason there is none. A query without words has nothing to embed. */
async function semanticRequest({
  query,
  mode,
  embeddings,
}: {
  query: SearchQuery;
  mode: SearchMode;
  embeddings: QueryEmbedder | null;
}): Promise<{ semantic: SemanticRequest | null; note: string | null }> {
  if (mode === 'keyword') return { semantic: null, note: null };
  const text = query.include.map((c) => c.words.join(' ')).join(' ');
  if (!embeddings?.model) {
    await embeddings?.embedQuery(text);
    return { semantic: null, note: NO_MODEL_REASON };
  }
  if (text.trim() === '') return { semantic: null, note: null };
  const vector = await embeddings.embedQuery(text);
  if (!vector) {
    return {
      semantic: null,
      note: embeddings.unavailableReason() ?? 'Keyword search only — the embedding service did not answer.',
    };
  }
  return { semantic: { mode, model: embeddings.model, vector }, note: null };
}

/** Papers similar to a given one: the distinctive terms of its title and abstract, fused with the nearest
 * vectors when the paper has been embedded. */
export async function similarPapers(
  store: Store,
  index: SearchIndex,
  paper: StoredPaper,
  limit = 5,
): Promise<StoredPaper[]> {
  const hits = index.similar({
    text: `${paper.title}\n${paper.abstract}`,
    paperId: paper.id,
    limit,
    excludePaperId: paper.id,
  });
  const found = new Map((await store.papers.findByIds(hits.map((h) => h.paperId))).map((p) => [p.id, p]));
  return hits.flatMap((h) => found.get(h.paperId) ?? []);
}

/** "Paste an abstract": papers like a piece of text (its terms, fused with its embedding when a model is configured). */
export async function papersLikeText(
  store: Store,
  index: SearchIndex,
  text: string,
  limit: number,
  embeddings?: QueryEmbedder | null,
) {
  if (text.trim().length === 0) throw searchExampleEmpty();
  if (text.length > 20_000) throw searchExampleTooLong();
  const model = embeddings?.model ?? null;
  const vector = model ? await embeddings!.embedDocument(text) : null;
  const hits = index.similar({ text, limit, vector, model });
  const found = new Map((await store.papers.findByIds(hits.map((h) => h.paperId))).map((p) => [p.id, p]));
  return hits.flatMap((h) => found.get(h.paperId) ?? []);
}
