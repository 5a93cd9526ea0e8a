// One function per feed. Each calls the same use case as the page it mirrors; only the rendering differs.
import type { PeriodKind } from '../../core/dates.js';
import { InvalidInputError } from '../../core/errors.js';
import { getDailyList, getTrending } from '../../papers/papers.usecases.js';
import type { ListedPaper } from '../../store/listings.repository.js';
import type { StoredPaper } from '../../store/papers.mapping.js';
import type { Store } from '../../store/store.js';
import { dailyHref, periodLabel } from '../pages/daily.vm.js';
import type { FeedEntry, FeedSource } from './feed.models.js';

const PARAM: Record<PeriodKind, string> = { day: 'date', week: 'week', month: 'month' };

function listedEntry(item: ListedPaper): FeedEntry {
  return { paper: item.paper, date: item.listing.createdAt, submittedBy: item.listing.submittedBy };
}

function newest(times: string[]): string | null {
  return times.reduce<string | null>((a, t) => (a === null || Date.parse(t) > Date.parse(a) ? t : a), null);
}

/**
 * The daily list: the period the page shows for the same query (the latest day with listings when none is
 * given), newest listing first. A feed keeps what it has seen, so order matters less than membership.
 */
export async function dailyFeedSource(args: {
  store: Store;
  period: { kind: PeriodKind; value: string } | undefined;
  maxItems: number;
}): Promise<FeedSource> {
  const daily = await getDailyList(args.store, {
    period: args.period,
    sort: 'newest',
    page: 1,
    pageSize: args.maxItems,
  });
  const { kind, value } = daily.period;
  const entries = daily.items.map(listedEntry);
  return {
    title: args.period ? `Daily papers, ${periodLabel(kind, value)}` : 'Daily papers',
    description: args.period
      ? `Papers the community listed for ${periodLabel(kind, value)}.`
      : 'New arXiv papers as the community lists them, the latest day at a time.',
    pagePath: args.period ? dailyHref({ kind, value }) : '/',
    feedPath: '/feeds/daily',
    feedQuery: args.period ? `?${new URLSearchParams({ [PARAM[args.period.kind]]: args.period.value })}` : '',
    entries,
    lastModified: newest(daily.items.flatMap((i) => [i.listing.createdAt, i.paper.updatedAt])),
  };
}

/** Trending: the same ranking as /trending. */
export async function trendingFeedSource(args: {
  store: Store;
  windowDays: number;
  maxItems: number;
}): Promise<FeedSource> {
  const { items } = await getTrending(args.store, { windowDays: args.windowDays, limit: args.maxItems });
  return {
    title: 'Trending papers',
    description: `The most upvoted papers of the last ${args.windowDays} days, decayed by age.`,
    pagePath: '/trending',
    feedPath: '/feeds/trending',
    feedQuery: '',
    entries: items.map(listedEntry),
    // Every vote and every hour reorders trending: only the ETag can say whether it changed.
    lastModified: null,
  };
}

export type CategoryScope = 'primary' | 'any';

/** The newest stored papers of one arXiv category (category-papers.ts answers it with the search use case). */
export type PapersInCategory = (q: { category: string; scope: CategoryScope; limit: number }) => Promise<StoredPaper[]>;

const CATEGORY = /^[a-z-]{2,20}(?:\.[A-Za-z-]{1,20})?$/;

export function parseCategory(text: string): string {
  if (!CATEGORY.test(text)) {
    throw new InvalidInputError(
      'feeds.invalid_category',
      `"${text.slice(0, 60)}" is not an arXiv category (e.g. cs.CL or hep-th)`,
    );
  }
  return text;
}

/** A category: stored papers (listed or not) whose primary or any category matches, newest publication first. */
export async function categoryFeedSource(args: {
  papersInCategory: PapersInCategory;
  category: string;
  scope: CategoryScope;
  maxItems: number;
}): Promise<FeedSource> {
  const category = parseCategory(args.category);
  const papers = await args.papersInCategory({ category, scope: args.scope, limit: args.maxItems });
  return {
    title: `New in ${category}`,
    description: `The newest arXiv papers ${args.scope === 'primary' ? 'whose primary category is' : 'in'} ${category}.`,
    pagePath: `/search?${new URLSearchParams({ category, sort: 'newest' })}`,
    feedPath: `/feeds/category/${category}`,
    feedQuery: args.scope === 'primary' ? '?scope=primary' : '',
    entries: papers.map((paper) => ({ paper, date: paper.publishedAt })),
    lastModified: newest(papers.map((p) => p.updatedAt)),
  };
}
