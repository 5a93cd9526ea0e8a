import { followingDigestCandidates } from '../follows/digest-section.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';
import type { BuiltDigest, DigestPeriodKind, Subscription } from './digest.models.js';
import { chooseDigestContent, type SearchMatches } from './digest-content.js';
import { type DigestPeriod, latestDuePeriod, periodContaining } from './digest-period.js';
import { type Candidate, recommend } from './recommend/recommender.js';
import { modelOf, type RecCorpus, toCandidate } from './recommend/train.usecases.js';
import { createSavedSearchMatcher } from './saved-search-matcher.js';

export interface BuildRequest {
  store: Store;
  search: SearchIndex;
  kind: DigestPeriodKind;
  /** Build the period containing this UTC day for every subscriber of the kind; without it, what is due now. */
  day?: string;
  /** Only this (lower-cased) address. */
  email?: string;
  now: Date;
  settleHours: number;
  /** Statistics for recommendations, loaded only if a subscriber in the run wants them. */
  recCorpus: () => Promise<RecCorpus>;
  /** Dry run: nothing is written; each page of built digests is handed here instead. */
  onPage?: (page: Array<{ digest: BuiltDigest; subscription: Subscription }>) => Promise<void>;
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: BuildSummary) => void;
}

export interface BuildSummary {
  periods: string[];
  /** Subscribers a digest was built for (including empty ones, recorded as skipped). */
  built: number;
  empty: number;
}

interface Target {
  period: DigestPeriod;
  schedule?: { timezone: string; sendHour: number };
  confirmedBefore?: string;
}

async function planTargets(req: BuildRequest): Promise<Target[]> {
  if (req.day) return [{ period: periodContaining({ kind: req.kind, day: req.day }) }];
  const targets: Target[] = [];
  for (const schedule of await req.store.subscriptions.schedules(req.kind)) {
    const due = latestDuePeriod({ kind: req.kind, now: req.now, settleHours: req.settleHours, ...schedule });
    // A subscriber confirmed after a period was due starts with the next one: no back-filling of old digests.
    if (due) targets.push({ period: due.period, schedule, confirmedBefore: due.dueAt.toISOString() });
  }
  return targets;
}

/**
 * Builds the digests that are due (or the one asked for) and writes them to the outbox, a page of subscribers per
 * transaction. Re-running is safe at any point: a subscriber whose digest for the period exists is not selected
 * again, and the outbox's unique key refuses a second one should two builders race.
 */
export async function buildDigests(req: BuildRequest): Promise<BuildSummary> {
  const summary: BuildSummary = { periods: [], built: 0, empty: 0 };
  const contexts = new Map<string, Awaited<ReturnType<typeof periodContext>>>();
  for (const target of await planTargets(req)) {
    let context = contexts.get(target.period.key);
    if (!context) {
      context = await periodContext(req, target.period);
      contexts.set(target.period.key, context);
      summary.periods.push(target.period.key);
    }
    let afterId = 0;
    for (;;) {
      if (req.signal?.aborted) return summary;
      const subscribers = await req.store.subscriptions.pageWithoutDigest({
        period: req.kind,
        periodKey: target.period.key,
        afterId,
        limit: req.pageSize ?? 500,
        schedule: target.schedule,
        email: req.email,
        confirmedBefore: target.confirmedBefore,
      });
      if (subscribers.length === 0) break;
      afterId = subscribers[subscribers.length - 1]!.id;
      const page = await buildPage(req, context, subscribers);
      if (req.onPage) await req.onPage(page);
      else
        await req.store.digestOutbox.insertBuilt(
          page.map((p) => p.digest),
          req.now.toISOString(),
        );
      summary.built += page.length;
      summary.empty += page.filter((p) => p.digest.status === 'skipped').length;
      req.onProgress?.(summary);
      // SQLite calls complete synchronously, so without this a build run inside the web process would hold the
      // event loop for its whole duration; yielding between pages keeps requests answered.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return summary;
}

async function periodContext(req: BuildRequest, period: DigestPeriod) {
  const { items } = await req.store.listings.listRange({
    from: period.from,
    to: period.to,
    sort: 'upvotes',
    limit: 500,
    offset: 0,
  });
  const top = items.map((i) => ({ paperId: i.paper.id, categories: i.paper.categories }));
  let candidates: Candidate[] | null = null;
  return {
    period,
    top,
    matchSearch: createSavedSearchMatcher({ index: req.search, period }),
    following: followingDigestCandidates({ store: req.store, period }),
    /** Recommendation candidates: the period's listed papers, vectorised once per run. */
    async recCandidates(): Promise<Candidate[]> {
      if (!candidates) {
        const corpus = await req.recCorpus();
        candidates = items.map((i) => toCandidate(corpus.space, i.paper, i.listing.upvotes));
      }
      return candidates;
    },
  };
}

async function buildPage(
  req: BuildRequest,
  ctx: Awaited<ReturnType<typeof periodContext>>,
  subscribers: Subscription[],
) {
  const { store } = req;
  const ids = subscribers.map((s) => s.id);
  const saved = await store.savedSearches.listForSubscriptions(ids);
  const matches = new Map<number, SearchMatches[]>(
    subscribers.map((s) => [
      s.id,
      (saved.get(s.id) ?? []).map((search) => ({
        savedSearchId: search.id,
        query: search.query,
        paperIds: ctx.matchSearch(search),
      })),
    ]),
  );
  const wantsRecs = subscribers.filter((s) => s.forYou && s.userId !== null);
  const recCandidates = wantsRecs.length > 0 ? await ctx.recCandidates() : [];
  const models = await store.recommendations.getModels(wantsRecs.map((s) => s.userId!));
  // Papers a reader already upvoted are not news to them (papers sent before are excluded by `exclude` below).
  const upvotedByUser = await store.recommendations.upvotedAmong(
    wantsRecs.map((s) => s.userId!),
    recCandidates.map((c) => c.paperId),
  );
  const following = await ctx.following(subscribers.flatMap((s) => (s.userId === null ? [] : [s.userId])));
  // Papers a reader marked "not interested" never come back.
  const markedByUser = await store.paperFeedback.amongForUsers(
    wantsRecs.map((s) => s.userId!),
    recCandidates.map((c) => c.paperId),
    'not_interested',
  );
  const paperIds = new Set(ctx.top.map((t) => t.paperId));
  for (const list of matches.values()) for (const m of list) for (const id of m.paperIds) paperIds.add(id);
  for (const ids of following.values()) for (const id of ids) paperIds.add(id);
  const sent = await store.digestOutbox.sentAmong(ids, [...paperIds]);
  const page: Array<{ digest: BuiltDigest; subscription: Subscription }> = [];
  for (const s of subscribers) {
    let recommender: ((exclude: ReadonlySet<number>, limit: number) => number[]) | undefined;
    if (s.forYou && s.userId !== null) {
      const stored = models.get(s.userId);
      const upvoted = [...(upvotedByUser.get(s.userId) ?? []), ...(markedByUser.get(s.userId) ?? [])];
      const taste = {
        model: modelOf(stored),
        positives: stored?.positives ?? 0,
        categories: s.includeCategories,
        followAuthors: s.followAuthors,
      };
      recommender = (exclude, limit) =>
        recommend({ taste, candidates: recCandidates, exclude: new Set([...exclude, ...upvoted]), limit });
    }
    const mine = sent.get(s.id) ?? new Set<number>();
    const { content, empty } = chooseDigestContent({
      preferences: s,
      top: ctx.top,
      sent: mine,
      searches: matches.get(s.id) ?? [],
      following: s.userId === null ? undefined : following.get(s.userId),
      recommend: recommender,
    });
    const digest: BuiltDigest = empty
      ? {
          subscriptionId: s.id,
          periodKey: ctx.period.key,
          content,
          status: 'skipped',
          note: 'nothing new for this subscriber',
        }
      : { subscriptionId: s.id, periodKey: ctx.period.key, content, status: 'pending' };
    page.push({ digest, subscription: s });
  }
  return page;
}
