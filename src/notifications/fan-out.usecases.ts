// The two fan-outs that turn what a harvest stored into notifications (docs/community.md "Notifications"): paper
// events (new versions, withdrawals) to the readers who upvoted or saved the paper, and new papers to the readers
// who follow one of their authors. Each reads after a checkpoint of its own and moves it only once a batch is
// recorded; recording is idempotent on (user, kind, dedupe key), so a crash between the two, or a replayed run,
// notifies nobody twice, and the next run resumes after the last batch it finished.
import { authorKey } from '../core/author-key.js';
import { FOLLOWING_WINDOW_DAYS } from '../follows/follows.models.js';
import { followersOfAuthors } from '../follows/follows.usecases.js';
import { listPaperEventsAfter } from '../papers/versions.usecases.js';
import type { Store } from '../store/store.js';
import type { NotificationDeps } from './notifications.usecases.js';
import { notifyFollowedAuthorPapers, notifyPaperEvents } from './sources.usecases.js';

export const PAPER_EVENTS_CHECKPOINT = 'notify:paper-events';
export const FOLLOWED_AUTHORS_CHECKPOINT = 'notify:followed-author-papers';

const EVENT_BATCH = 500;
const PAPER_BATCH = 2000;

interface FanOutOptions extends NotificationDeps {
  signal?: AbortSignal;
}

/**
 * Every paper event after the checkpoint, a batch at a time: the watchers of each are told once (the event is the
 * dedupe key). Events exist only for stored papers that changed (never a first write nor a snapshot import), so
 * the first run starts at the first event ever recorded.
 */
export async function fanOutPaperEvents(deps: FanOutOptions): Promise<{ events: number; notified: number }> {
  const { store } = deps;
  let afterSeq = (await store.checkpoints.get<{ afterSeq: number }>(PAPER_EVENTS_CHECKPOINT))?.afterSeq ?? 0;
  const totals = { events: 0, notified: 0 };
  while (!deps.signal?.aborted) {
    const events = await listPaperEventsAfter(store, { afterSeq, limit: EVENT_BATCH });
    if (events.length === 0) break;
    const papers = new Map(
      (await store.papers.findByIds([...new Set(events.map((e) => e.paperId))])).map((p) => [p.id, p]),
    );
    const recorded = await notifyPaperEvents(
      deps,
      events.map((e) => ({ ...e, title: papers.get(e.paperId)?.title ?? `arXiv:${e.arxivId}` })),
    );
    afterSeq = events.at(-1)!.seq;
    await store.checkpoints.set(PAPER_EVENTS_CHECKPOINT, { afterSeq });
    totals.events += events.length;
    totals.notified += recorded.length;
    if (events.length < EVENT_BATCH) break;
  }
  return totals;
}

interface AuthorCheckpoint {
  /** Every paper with an id up to this one has been considered. */
  afterId: number;
  /** The batch being recorded (its run key names it): a resumed run records the same one, under the same key. */
  pending?: { afterId: number; throughId: number };
}

/**
 * The papers first stored since the checkpoint and first published within the /following window (an old paper
 * harvested late is not news), matched against author follows: one batched notification per reader per batch, keyed
 * `papers:<first id>-<last id>`, so a re-run of the same batch records nothing new. With no checkpoint yet (a new
 * library, or one upgraded to this version) it starts after the papers already stored and notifies nothing.
 */
export async function fanOutFollowedAuthorPapers(
  deps: FanOutOptions,
): Promise<{ papers: number; matched: number; notified: number }> {
  const { store } = deps;
  const now = deps.now ?? new Date();
  const totals = { papers: 0, matched: 0, notified: 0 };
  let cp = await store.checkpoints.get<AuthorCheckpoint>(FOLLOWED_AUTHORS_CHECKPOINT);
  if (!cp) {
    await skipFollowedAuthorPapersSoFar(store);
    return totals;
  }
  const since = now.getTime() - FOLLOWING_WINDOW_DAYS * 86_400_000;
  while (!deps.signal?.aborted) {
    if (!cp.pending) {
      const batch = await store.papers.insertedAfter(cp.afterId, PAPER_BATCH);
      if (batch.length === 0) break;
      cp = { afterId: cp.afterId, pending: { afterId: cp.afterId, throughId: batch.at(-1)!.id } };
      await store.checkpoints.set(FOLLOWED_AUTHORS_CHECKPOINT, cp);
    }
    const { afterId, throughId }: { afterId: number; throughId: number } = cp.pending!;
    const papers = (await store.papers.insertedAfter(afterId, PAPER_BATCH)).filter(
      (p) => p.id <= throughId && !p.withdrawn && Date.parse(p.publishedAt) >= since,
    );
    const followers = await followersOfAuthors({
      store,
      authorKeys: papers.flatMap((p) => p.authors.map((a) => a.name)),
    });
    const matched = papers.flatMap((p) => {
      const ids = [...new Set(p.authors.flatMap((a) => followers.get(authorKey(a.name)) ?? []))];
      return ids.length
        ? [
            {
              paperId: p.id,
              arxivId: p.arxivId,
              title: p.title,
              authors: p.authors.map((a) => a.name),
              followerIds: ids,
            },
          ]
        : [];
    });
    const recorded = await notifyFollowedAuthorPapers(deps, {
      runKey: `papers:${afterId + 1}-${throughId}`,
      papers: matched,
    });
    totals.papers += papers.length;
    totals.matched += matched.length;
    totals.notified += recorded.length;
    // An import may have moved the checkpoint past this batch meanwhile (skipFollowedAuthorPapersSoFar).
    const latest = await store.checkpoints.get<AuthorCheckpoint>(FOLLOWED_AUTHORS_CHECKPOINT);
    cp = { afterId: Math.max(latest?.afterId ?? 0, throughId) };
    await store.checkpoints.set(FOLLOWED_AUTHORS_CHECKPOINT, cp);
  }
  return totals;
}

/**
 * Moves the followed-author fan-out past every paper stored now, notifying nobody: the first run does it, and so does
 * a snapshot import once it has stored its papers (a million old papers are not news). A batch already pending is
 * left to finish first: its key is fixed.
 */
export async function skipFollowedAuthorPapersSoFar(store: Store): Promise<void> {
  const cp = await store.checkpoints.get<AuthorCheckpoint>(FOLLOWED_AUTHORS_CHECKPOINT);
  const afterId = await store.papers.maxId();
  await store.checkpoints.set(FOLLOWED_AUTHORS_CHECKPOINT, cp?.pending ? { ...cp, afterId } : { afterId });
}
