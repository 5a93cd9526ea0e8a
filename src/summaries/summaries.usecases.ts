// The summary job: follows the store's change sequence from a checkpoint (as the keywords job does) and asks the
// configured chat endpoint for one sentence about each paper whose abstract has no summary yet — a summary is
// cached by the abstract's hash, so an unchanged abstract is never sent twice and a changed one gets a new summary.
// Papers are done one at a time in change order and the checkpoint follows the last one done, so a killed run or
// one stopped by a failing endpoint resumes at the first paper without a summary. Pages never wait for any of it.
import type { Config } from '../config/config.js';
import { abstractHash } from '../core/text-hash.js';
import type { Store } from '../store/store.js';
import { createChatSummarizer, type Summarizer } from './chat-provider.js';
import { createPacer } from './rate-limit.js';
import { summariesNotConfigured, summaryRefused } from './summaries.errors.js';

export const SUMMARIES_CHECKPOINT = 'summaries:paper_change_seq';

export type SummariesStore = Pick<Store, 'papers' | 'paperSummaries' | 'checkpoints'>;

export interface SummariesRunResult {
  /** New summaries stored. */
  summarised: number;
  /** Abstracts the endpoint refused for good (recorded; not asked again until they change). */
  refused: number;
  /** Set when the endpoint kept failing: the run stopped there and the next one starts with that paper. */
  failure: string | null;
  interrupted: boolean;
}

/** The summarizer the configuration names, rate-limited; null when summaries are off. */
export function summarizerFromConfig(config: Config): Summarizer | null {
  const s = config.summaries;
  if (s.provider === 'none') return null;
  if (!s.httpUrl || !s.httpModel) throw summariesNotConfigured();
  return createChatSummarizer({
    baseUrl: s.httpUrl,
    model: s.httpModel,
    apiKey: s.httpApiKey || undefined,
    timeoutMs: s.timeoutSeconds * 1000,
    beforeRequest: createPacer({ requestsPerMinute: s.requestsPerMinute }),
  });
}

export async function summarisePapers({
  store,
  summarizer,
  maxPerRun,
  signal,
  batchSize = 50,
}: {
  store: SummariesStore;
  summarizer: Summarizer;
  maxPerRun: number;
  signal?: AbortSignal;
  batchSize?: number;
}): Promise<SummariesRunResult> {
  let after = (await store.checkpoints.get<{ seq: number }>(SUMMARIES_CHECKPOINT))?.seq ?? 0;
  const result: SummariesRunResult = { summarised: 0, refused: 0, failure: null, interrupted: false };
  const done = () => result.summarised + result.refused >= maxPerRun;
  while (!done() && !signal?.aborted) {
    const papers = await store.papers.changedSince(after, batchSize);
    if (papers.length === 0) break;
    const stored = await store.paperSummaries.forPapers(papers.map((p) => p.id));
    for (const paper of papers) {
      if (done() || signal?.aborted) break;
      const hash = abstractHash(paper);
      const wanted = !paper.withdrawn && paper.abstract.trim() !== '' && stored.get(paper.id)?.abstractHash !== hash;
      if (wanted) {
        try {
          const summary = await summarizer.summarize({ title: paper.title, abstract: paper.abstract, signal });
          await store.paperSummaries.put({
            paperId: paper.id,
            abstractHash: hash,
            summary,
            model: summarizer.model,
            error: null,
          });
          result.summarised++;
        } catch (error) {
          if (signal?.aborted) break;
          if (!summaryRefused.is(error)) {
            // The checkpoint stays before this paper: the next run asks for it first.
            result.failure = error instanceof Error ? error.message : String(error);
            return result;
          }
          const message = error instanceof Error ? error.message : String(error);
          await store.paperSummaries.put({
            paperId: paper.id,
            abstractHash: hash,
            summary: null,
            model: summarizer.model,
            error: message.slice(0, 500),
          });
          result.refused++;
        }
        after = paper.changeSeq;
        await store.checkpoints.set(SUMMARIES_CHECKPOINT, { seq: after });
      } else {
        after = paper.changeSeq;
      }
    }
    await store.checkpoints.set(SUMMARIES_CHECKPOINT, { seq: after });
  }
  result.interrupted = signal?.aborted ?? false;
  return result;
}
