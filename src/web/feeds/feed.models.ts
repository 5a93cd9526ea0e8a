// What every feed is made of, whatever it lists. Each feed source (daily list, trending, a category, a search,
// a collection, a user's submissions) is one function that returns a FeedSource; one builder renders any of
// them as RSS 2.0 or Atom.
import type { StoredPaper } from '../../papers/papers.models.js';

export type FeedFormat = 'rss' | 'atom';

export interface FeedEntry {
  paper: StoredPaper;
  /** When the paper entered this feed (ISO-8601): its listing for daily/trending, its publication for a category. */
  date: string;
  /** "Submitted by" of the listing, when there is one. */
  submittedBy?: string | null;
}

export interface FeedSource {
  title: string;
  description: string;
  /** Site path of the HTML page the feed mirrors; the feed's `<link>`. */
  pagePath: string;
  /** Site path of the feed without its extension, plus its query string ("/feeds/daily", "?date=2024-05-01"). */
  feedPath: string;
  feedQuery: string;
  entries: FeedEntry[];
  /**
   * Newest change of anything the feed shows (ISO-8601), for Last-Modified and the feed's own date; null
   * when no cheap honest answer exists (trending reorders with every vote and with time).
   */
  lastModified: string | null;
}
