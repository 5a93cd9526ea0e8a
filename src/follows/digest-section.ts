// "From what you follow" in a subscriber's digest: the papers their follows made new during the period — by the
// authors, in the categories and the collections they follow — looked up once per subscriber page. Saved searches
// are left out: the digest has its own section for each of them. The digest's content chooser drops papers
// already chosen or sent, so a paper never comes twice (outbox rules, digest/digest-content.ts).
import { addDays } from '../core/dates.js';
import type { Store } from '../store/store.js';

/** Candidates per subscriber; the chooser keeps the first few not sent before (MAX_FOLLOWING). */
const CANDIDATES = 30;

export type FollowingCandidates = (userIds: number[]) => Promise<Map<number, number[]>>;

export function followingDigestCandidates(opts: {
  store: Store;
  period: { from: string; to: string };
  /** How far before the period a paper's first version may be (as for saved searches: arXiv lists a day or more late). */
  lookbackDays?: number;
}): FollowingCandidates {
  const since = `${addDays(opts.period.from, -(opts.lookbackDays ?? 3))}T00:00:00.000Z`;
  const until = `${addDays(opts.period.to, 1)}T00:00:00.000Z`;
  return async (userIds) => {
    const out = new Map<number, number[]>();
    for (const userId of await opts.store.follows.usersWithFollows(userIds)) {
      const refs = await opts.store.follows.papers({
        userId,
        since,
        until,
        savedSearchHits: [],
        limit: CANDIDATES,
        offset: 0,
      });
      const ids = refs.map((r) => r.paperId);
      if (ids.length > 0) out.set(userId, ids);
    }
    return out;
  };
}
