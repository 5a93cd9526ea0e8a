// One function per feed. Each calls the same use case as the page it mirrors; only the rendering differs.

import { getCollection } from '../../community/collections.usecases.js';
import { submissionsOf } from '../../community/user-submissions.usecases.js';
import type { PeriodKind } from '../../core/dates.js';
import { getAuthorPapers } from '../../papers/authors.usecases.js';
import type { ListedPaper, StoredPaper } from '../../papers/papers.models.js';
import { getDailyList, getTrending } from '../../papers/papers.usecases.js';
import type { Services } from '../../services.js';
import { dailyHref, periodLabel } from '../pages/daily.vm.js';
import type { FeedEntry, FeedSource } from './feed.models.js';
import { feedCategoryInvalid, feedSearchEmpty } from './feeds.errors.js';
import { type SearchFeedQuery, type SearchForFeed, searchQueryString } from './search-papers.js';

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
  store: Services['store'];
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
  store: Services['store'];
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
    throw feedCategoryInvalid({ message: `"${text.slice(0, 60)}" is not an arXiv category (e.g. cs.CL or hep-th)` });
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

/** Any search, as the search page shows it for the same parameters (first page), newest publication as item date. */
export async function searchFeedSource(args: {
  searchForFeed: SearchForFeed;
  query: SearchFeedQuery;
  maxItems: number;
}): Promise<FeedSource> {
  const { query } = args;
  const text = query.q?.trim() ?? '';
  const filters = [
    query.category ? `in ${query.category}` : null,
    query.year ? `from ${query.year}` : null,
    query.has_code ? 'with code' : null,
  ].filter((f): f is string => f !== null);
  if (!text && filters.length === 0) {
    throw feedSearchEmpty();
  }
  const papers = await args.searchForFeed({ query, limit: args.maxItems });
  const what = [text ? `“${text}”` : 'Papers', ...filters].join(' ');
  const qs = searchQueryString(query);
  return {
    title: `Search: ${what}`,
    description: `Papers matching ${what}, ${query.sort === 'newest' ? 'newest first' : query.sort === 'upvotes' ? 'most upvoted first' : 'most relevant first'}.`,
    pagePath: `/search${qs}`,
    feedPath: '/feeds/search',
    feedQuery: qs,
    entries: papers.map((paper) => ({ paper, date: paper.publishedAt })),
    // Rankings move whenever any paper is indexed, and old papers can enter the results: only the ETag is honest.
    lastModified: null,
  };
}

/** A public collection, most recently added first (private ones are 404, as their page is). */
export async function collectionFeedSource(args: {
  store: Services['store'];
  id: string;
  maxItems: number;
}): Promise<FeedSource> {
  const { collection, items } = await getCollection({ store: args.store, viewer: null, id: args.id });
  return {
    title: `${collection.name}, a collection by ${collection.owner}`,
    description: collection.description || `Papers ${collection.owner} collected.`,
    pagePath: `/collections/${collection.id}`,
    feedPath: `/feeds/collections/${collection.id}`,
    feedQuery: '',
    entries: items.slice(0, args.maxItems).map((item) => ({
      paper: item.paper,
      date: item.addedAt,
      submittedBy: item.listing?.submittedBy ?? null,
    })),
    // Removing a paper leaves no newer date behind: only the ETag can tell.
    lastModified: null,
  };
}

/** The papers a user submitted, newest listing first, as their profile lists them. */
export async function userSubmissionsFeedSource(args: {
  store: Services['store'];
  username: string;
  maxItems: number;
}): Promise<FeedSource> {
  const { username, submitted } = await submissionsOf({
    store: args.store,
    username: args.username,
    limit: args.maxItems,
  });
  return {
    title: `Submitted by ${username}`,
    description: `Papers ${username} submitted to the daily list.`,
    pagePath: `/u/${encodeURIComponent(username)}`,
    feedPath: `/feeds/users/${encodeURIComponent(username)}`,
    feedQuery: '',
    entries: submitted.map(listedEntry),
    // A moderator hiding a listing leaves no newer date behind: only the ETag can tell.
    lastModified: null,
  };
}

/** An author's papers, newest arXiv date first, as their author page lists them. */
export async function authorFeedSource(args: {
  store: Services['store'];
  slug: string;
  maxItems: number;
}): Promise<FeedSource> {
  const author = await getAuthorPapers({ store: args.store, slug: args.slug, page: 1, pageSize: args.maxItems });
  return {
    title: `Papers by ${author.name}`,
    description: `New papers by ${author.name} in this library.`,
    pagePath: `/authors/${encodeURIComponent(author.key)}`,
    feedPath: `/feeds/authors/${encodeURIComponent(author.key)}`,
    feedQuery: '',
    entries: author.items.map((i) => ({
      paper: i.paper,
      date: i.paper.publishedAt,
      submittedBy: i.listing?.submittedBy,
    })),
    // A paper found later can be older than the newest one: the newest date would not say the feed changed.
    lastModified: null,
  };
}
