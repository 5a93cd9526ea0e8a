// Measurements on the ML demo data (shared/data/hf-papers-2024: 753 Hugging Face Daily Papers with authors):
// spelling help on hand-written misspellings and on correct queries, and author-name queries.
// Used by `npx tsx bench/search-demo.ts` (prints the figures) and by hf-demo.test.ts (guards them).
import { readFileSync } from 'node:fs';
import { parseSearchQuery } from '../query-parser.js';
import type { SearchDocument } from '../search.models.js';
import { openSearchIndex, type SearchIndex } from '../search-index.js';

interface HfPaper {
  title: string;
  authors: string[];
  abstract: string;
  publication_date: string;
  upvotes: number;
}

export function loadHfPapers(file: string): SearchDocument[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, HfPaper>;
  return Object.entries(data).map(([arxivId, p], i) => ({
    paperId: i + 1,
    arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    // The file has no categories; the demo lists these papers under cs.LG.
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    publishedAt: p.publication_date,
    hasCode: false,
    upvotes: p.upvotes,
    withdrawn: false,
    changeSeq: i + 1,
  }));
}

export function hfIndex(file: string): { index: SearchIndex; docs: SearchDocument[] } {
  const docs = loadHfPapers(file);
  const index = openSearchIndex({ path: ':memory:' });
  index.upsert(docs);
  return { index, docs };
}

const PAGE = { limit: 20, offset: 0, sort: 'relevance' as const };

/** What the site would say for a query: the suggestion, only when the search finds few papers (as searchPapers). */
export function siteSuggestion(index: SearchIndex, text: string): string | null {
  const query = parseSearchQuery(text);
  const result = index.search(query, PAGE);
  if (result.semantics === 'none' || (result.total >= 10 && result.semantics !== 'or')) return null;
  return index.suggestSpelling({ query, text })?.text ?? null;
}

export function spellingFigures({
  index,
  misspelled,
  correct,
}: {
  index: SearchIndex;
  misspelled: Array<{ query: string; expected: string }>;
  correct: string[];
}) {
  const top = (text: string) =>
    index
      .search(parseSearchQuery(text), PAGE)
      .hits.map((h) => h.paperId)
      .join();
  const outcomes = misspelled.map(({ query, expected }) => {
    const got = siteSuggestion(index, query);
    // Stemming can already undo a typo ("trainning" is indexed as "train"): the query then needs no help.
    const stemmed = got === null && top(query) === top(expected);
    return { query, expected, got, stemmed, ok: got?.toLowerCase() === expected.toLowerCase() };
  });
  const wrong = correct.map((query) => ({ query, got: siteSuggestion(index, query) })).filter((o) => o.got !== null);
  // The speller alone, whatever the result count (what a lower trigger would expose).
  const wrongUntriggered = correct.filter((query) =>
    index.suggestSpelling({ query: parseSearchQuery(query), text: query }),
  );
  return {
    corrected: outcomes.filter((o) => o.ok).length,
    foundByStemming: outcomes.filter((o) => o.stemmed).length,
    wrongSuggestion: outcomes.filter((o) => o.got !== null && !o.ok).length,
    misspelled: outcomes.length,
    missed: outcomes.filter((o) => !o.ok && !o.stemmed),
    wronglyCorrected: wrong,
    correctQueries: correct.length,
    wronglyCorrectedWithoutTrigger: wrongUntriggered.length,
  };
}

/** Correct queries: the first three words of each title (capitalised names, model names and all). */
export function titleQueries(docs: SearchDocument[], n: number): string[] {
  return docs.slice(0, n).map((d) =>
    d.title
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0)
      .slice(0, 3)
      .join(' '),
  );
}

/**
 * Author-name queries: for each name, of the first k results (k = that author's paper count), how many are the
 * author's own papers; `mention` counts the papers in the whole list that match the name's words without being by them.
 */
export function authorFigures({ index, docs, names }: { index: SearchIndex; docs: SearchDocument[]; names: string[] }) {
  return names.map((name) => {
    const own = new Set(
      docs.filter((d) => d.authors.some((a) => a.toLowerCase() === name.toLowerCase())).map((d) => d.paperId),
    );
    const rank = (text: string) =>
      index.search(parseSearchQuery(text), { ...PAGE, limit: 50 }).hits.map((h) => h.paperId);
    const ranked = rank(name);
    // Each word quoted: the same AND match and BM25 ranking, without the name rule (it applies to bare words only).
    const plain = rank(
      name
        .split(' ')
        .map((w) => `"${w}"`)
        .join(' '),
    );
    const k = own.size;
    const atK = (ids: number[]) => ids.slice(0, k).filter((id) => own.has(id)).length;
    return {
      name,
      papers: k,
      others: ranked.filter((id) => !own.has(id)).length,
      before: atK(plain),
      after: atK(ranked),
    };
  });
}
