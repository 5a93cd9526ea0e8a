// `<link rel="alternate">` entries for pages that have a matching feed, so browsers and readers find them.
import type { SavedSearch } from '../../digest/digest.models.js';
import type { FeedLinkVM } from '../views/view-models.js';
import { type SearchFeedQuery, savedSearchFeedQuery, searchQueryString } from './search-papers.js';

function both({ title, path, query = '' }: { title: string; path: string; query?: string }): FeedLinkVM[] {
  return [
    { title: `${title} (RSS)`, href: `${path}.rss${query}`, type: 'application/rss+xml' },
    { title: `${title} (Atom)`, href: `${path}.atom${query}`, type: 'application/atom+xml' },
  ];
}

/** The daily page's feeds: the same period when the page names one, else the rolling latest-day feed. */
export function dailyFeedLinks(q: { date?: string; week?: string; month?: string }): FeedLinkVM[] {
  const key = (['date', 'week', 'month'] as const).find((k) => q[k]);
  const query = key ? `?${new URLSearchParams({ [key]: q[key]! })}` : '';
  return both({ title: 'Daily papers', path: '/feeds/daily', query });
}

export function trendingFeedLinks(): FeedLinkVM[] {
  return both({ title: 'Trending papers', path: '/feeds/trending' });
}

export function categoryFeedLinks(category: string): FeedLinkVM[] {
  return both({ title: `New in ${category}`, path: `/feeds/category/${encodeURIComponent(category)}` });
}

/** A search page's feeds, for the same words and filters (none for search by example). */
export function searchFeedLinks(query: SearchFeedQuery): FeedLinkVM[] {
  return both({ title: 'This search', path: '/feeds/search', query: searchQueryString(query) });
}

/** Where a saved search of an e-mail digest can be followed in a feed reader instead. */
export function savedSearchFeedLinks(saved: Pick<SavedSearch, 'query' | 'category' | 'hasCode'>): FeedLinkVM[] {
  return both({
    title: `New papers for “${saved.query}”`,
    path: '/feeds/search',
    query: searchQueryString(savedSearchFeedQuery(saved)),
  });
}

export function collectionFeedLinks(c: { id: number; name: string }): FeedLinkVM[] {
  return both({ title: c.name, path: `/feeds/collections/${c.id}` });
}

export function userFeedLinks(username: string): FeedLinkVM[] {
  return both({ title: `Submitted by ${username}`, path: `/feeds/users/${encodeURIComponent(username)}` });
}

export function authorFeedLinks(author: { key: string; name: string }): FeedLinkVM[] {
  return both({ title: `Papers by ${author.name}`, path: `/feeds/authors/${encodeURIComponent(author.key)}` });
}
