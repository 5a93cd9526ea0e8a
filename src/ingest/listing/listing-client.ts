// Polls rss.arxiv.org/rss/<category> for the day's announcements.

import type { PoliteFetcher } from '../http/polite-fetcher.js';
import { isXmlContentType } from '../http/xml-document.js';
import { ListingParseError } from './errors.js';
import { type ListingItem, parseListingFeed } from './listing-feed.js';

export interface ListingClient {
  /** Today's announcements in a category ("cs.CL", or several joined with "+": "cs.AI+cs.CL"). */
  fetchNewSubmissions(category: string, opts?: { signal?: AbortSignal }): Promise<ListingItem[]>;
}

const CATEGORIES = /^[a-z-]+(?:\.[A-Za-z-]+)?(?:\+[a-z-]+(?:\.[A-Za-z-]+)?)*$/;

export function createListingClient(opts: { fetcher: PoliteFetcher; baseUrl: string }): ListingClient {
  return {
    async fetchNewSubmissions(category, fetchOpts) {
      if (!CATEGORIES.test(category)) {
        throw new RangeError(`"${category}" is not an arXiv category name like cs.CL (or cs.AI+cs.CL)`);
      }
      const url = `${opts.baseUrl.replace(/\/+$/, '')}/${category}`;
      const response = await opts.fetcher.fetchText(url, { signal: fetchOpts?.signal });
      if (!isXmlContentType(response.contentType)) {
        throw new ListingParseError(`expected RSS XML, got ${response.contentType}`, { url });
      }
      try {
        return parseListingFeed(response.body);
      } catch (err) {
        if (err instanceof ListingParseError) throw new ListingParseError(err.reason, { url });
        throw err;
      }
    },
  };
}
