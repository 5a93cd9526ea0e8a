// Looks papers up by id through the arXiv API: one `id_list` request per 100 ids (arXiv's advice for
// id_list size), paged with start/max_results when a response holds fewer entries than it reports.

import { parseArxivRef } from '../../core/arxiv-id.js';
import type { Paper } from '../../core/paper.js';
import { ArxivHttpError } from '../http/errors.js';
import type { FetchTextResult, PoliteFetcher } from '../http/polite-fetcher.js';
import { isXmlContentType } from '../http/xml-document.js';
import { type AtomFeedPage, parseAtomFeed } from './atom-feed.js';
import { ArxivApiError, ArxivApiParseError, InvalidArxivIdsError } from './errors.js';

export interface ArxivApiClient {
  /**
   * Accepts bare, versioned and old-style ids and arxiv.org abs/pdf URLs; returns the latest version of each
   * paper found, in the order asked, once per paper. Ids arXiv does not know are simply absent.
   */
  fetchPapers(ids: string[], opts?: { signal?: AbortSignal }): Promise<Paper[]>;
}

const BATCH_SIZE = 100;
// A guard against a server that keeps reporting more results than it ever sends.
const MAX_PAGES_PER_BATCH = 20;

export function createArxivApiClient(opts: {
  fetcher: PoliteFetcher;
  baseUrl: string;
  batchSize?: number;
}): ArxivApiClient {
  const batchSize = opts.batchSize ?? BATCH_SIZE;

  async function fetchFeed(url: string, signal?: AbortSignal): Promise<AtomFeedPage> {
    let response: FetchTextResult;
    try {
      response = await opts.fetcher.fetchText(url, { signal });
    } catch (err) {
      // arXiv answers a bad query with HTTP 400 and an error feed saying what was wrong.
      if (err instanceof ArxivHttpError && err.arxivStatus === 400) rethrowErrorFeed(err);
      throw err;
    }
    if (!isXmlContentType(response.contentType)) {
      throw new ArxivApiParseError(`expected Atom XML, got ${response.contentType}`, { url });
    }
    try {
      return parseAtomFeed(response.body);
    } catch (err) {
      if (err instanceof ArxivApiParseError) throw new ArxivApiParseError(err.reason, { url });
      throw err;
    }
  }

  async function fetchBatch(ids: string[], signal?: AbortSignal): Promise<Paper[]> {
    const papers: Paper[] = [];
    let start = 0;
    for (let page = 0; page < MAX_PAGES_PER_BATCH; page++) {
      const url = new URL(opts.baseUrl);
      url.searchParams.set('id_list', ids.join(','));
      url.searchParams.set('start', String(start));
      url.searchParams.set('max_results', String(batchSize));
      const feed = await fetchFeed(url.toString(), signal);
      papers.push(...feed.papers);
      start += feed.papers.length;
      if (feed.papers.length === 0 || start >= feed.totalResults) break;
    }
    return papers;
  }

  return {
    async fetchPapers(inputs, fetchOpts) {
      const ids = uniqueIds(inputs);
      const found = new Map<string, Paper>();
      for (let i = 0; i < ids.length; i += batchSize) {
        for (const paper of await fetchBatch(ids.slice(i, i + batchSize), fetchOpts?.signal)) {
          if (!found.has(paper.arxivId)) found.set(paper.arxivId, paper);
        }
      }
      return ids.flatMap((id) => found.get(id) ?? []);
    },
  };
}

/** Bare ids, deduplicated in first-seen order. Asking for the bare id gets the latest version. */
function uniqueIds(inputs: string[]): string[] {
  const invalid: string[] = [];
  const ids = new Set<string>();
  for (const input of inputs) {
    const ref = parseArxivRef(input);
    if (ref) ids.add(ref.id);
    else invalid.push(input);
  }
  if (invalid.length > 0) throw new InvalidArxivIdsError(invalid);
  return [...ids];
}

function rethrowErrorFeed(err: ArxivHttpError): void {
  try {
    parseAtomFeed(err.body);
  } catch (feedError) {
    if (feedError instanceof ArxivApiError) throw feedError;
  }
}
