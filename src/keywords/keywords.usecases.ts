// Keywords for every paper, kept up to date by the `keywords` job: it follows the store's change sequence (as the
// search follower does) from a checkpoint, so a new or edited paper gets keywords on the next run and a killed run
// resumes after its last committed batch. Papers whose title and abstract hash to what the stored keywords came
// from (most changes are votes) are skipped without extracting anything.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { keywordTextHash } from '../core/text-hash.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';
import { type CorpusStats, extractKeywords } from './extract.js';

export const KEYWORDS_CHECKPOINT = 'keywords:paper_change_seq';
/** Keywords stored per paper; cards show fewer. */
export const KEYWORDS_PER_PAPER = 10;

export type KeywordsStore = Pick<Store, 'papers' | 'paperKeywords' | 'checkpoints'>;

export interface KeywordsRunResult {
  /** Papers looked at (changed since the checkpoint). */
  checked: number;
  /** Papers whose keywords were (re)computed and stored. */
  written: number;
  interrupted: boolean;
  /** Why nothing ran, when nothing could. */
  skipped?: string;
}

/** The search index's document frequencies, as the extractor asks for them. */
export function indexCorpusStats(index: Pick<SearchIndex, 'documentFrequencies'>): CorpusStats {
  return {
    docCount: index.documentFrequencies([]).docCount,
    documentFrequencies: (words) => index.documentFrequencies(words).df,
  };
}

export async function refreshKeywords({
  store,
  index,
  batchSize = 100,
  signal,
  onBatch,
}: {
  store: KeywordsStore;
  index: Pick<SearchIndex, 'documentFrequencies'>;
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each committed batch (progress; tests interrupt here). */
  onBatch?: (progress: { checked: number; written: number }) => void;
}): Promise<KeywordsRunResult> {
  const stats = indexCorpusStats(index);
  // Before the index has papers, every word would look equally rare: wait for the search follower.
  if (stats.docCount === 0) return { checked: 0, written: 0, interrupted: false, skipped: 'the search index is empty' };
  let after = (await store.checkpoints.get<{ seq: number }>(KEYWORDS_CHECKPOINT))?.seq ?? 0;
  let checked = 0;
  let written = 0;
  while (!signal?.aborted) {
    const papers = await store.papers.changedSince(after, batchSize);
    if (papers.length === 0) break;
    const stored = await store.paperKeywords.forPapers(papers.map((p) => p.id));
    const writes = papers.flatMap((paper) => {
      const hash = keywordTextHash(paper);
      if (stored.get(paper.id)?.textHash === hash) return [];
      const keywords = extractKeywords({
        title: paper.title,
        abstract: paper.abstract,
        stats,
        limit: KEYWORDS_PER_PAPER,
      });
      return [{ paperId: paper.id, keywords, textHash: hash }];
    });
    // Keywords first, then the checkpoint: a run killed in between redoes the batch, finds the hashes equal and
    // writes nothing twice.
    await store.paperKeywords.put(writes);
    after = papers.at(-1)!.changeSeq;
    await store.checkpoints.set(KEYWORDS_CHECKPOINT, { seq: after });
    checked += papers.length;
    written += writes.length;
    onBatch?.({ checked, written });
    // The job runs inside `serve`, and SQLite answers synchronously: without a turn of the event loop between
    // batches, a backfill of a large store (a million papers after an upgrade) would hold every request until done.
    await nextTurn();
  }
  return { checked, written, interrupted: signal?.aborted ?? false };
}

/** The keywords to show with a paper: only those computed from its current title and abstract. */
export function currentKeywords(
  paper: { id: number; title: string; abstract: string },
  stored: ReadonlyMap<number, { keywords: string[]; textHash: string }>,
): string[] {
  const row = stored.get(paper.id);
  return row && row.textHash === keywordTextHash(paper) ? row.keywords : [];
}
