import { normaliseArxivId } from '../core/arxiv-id.js';
import {
  addDays,
  containingPeriods,
  type Period,
  type PeriodKind,
  parsePeriod,
  shiftPeriod,
  todayUtc,
} from '../core/dates.js';
import type { Store } from '../store/store.js';
import { invalidPaperId, paperNotFound } from './papers.errors.js';
import type { ListedPaper, ListingSort, StoredPaper } from './papers.models.js';

export interface DailyQuery {
  /** Which period to show; none means "today, or the latest day with listings". */
  period?: { kind: PeriodKind; value: string };
  sort: ListingSort;
  page: number;
  pageSize: number;
  now?: Date;
}

/**
 * The daily feed: one query function behind the daily page, the JSON API and (later) feeds and the
 * Hugging Face–shaped endpoint; only the renderers differ.
 */
export async function getDailyList(store: Store, q: DailyQuery) {
  const today = todayUtc(q.now);
  let period: Period;
  let isFallback = false;
  if (q.period) {
    period = parsePeriod(q.period.kind, q.period.value);
  } else {
    const latest = await store.listings.latestDayOnOrBefore(today);
    period = parsePeriod('day', latest ?? today);
    isFallback = latest !== null && latest !== today;
  }
  // Time is honest: nothing is listed after today, so a period that has not begun is empty (and says so), and
  // the current week or month shows its days up to today.
  const isFuture = period.from > today;
  // ISO days compare as text (Math.min would turn them into NaN).
  const until = [period.to, today].sort()[0]!;
  const { items, total } = isFuture
    ? { items: [], total: 0 }
    : await store.listings.listRange({
        from: period.from,
        to: until,
        sort: q.sort,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
  const neighbours = await neighbourPeriods(store, period, today);
  return {
    period,
    isFallback,
    isFuture,
    items,
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    previous: neighbours.previous,
    next: neighbours.next,
  };
}

export type DailyList = Awaited<ReturnType<typeof getDailyList>>;

// Days skip over empty days (weekends, holidays) like a reader expects; weeks and months step by one. No link
// leads past today; from a period that has not begun, "previous" leads back to the present.
async function neighbourPeriods(store: Store, period: Period, today: string) {
  if (period.kind !== 'day') {
    const next = shiftPeriod(period, 1);
    const previous = period.from > today ? containing(period.kind, today) : shiftPeriod(period, -1).value;
    return { previous, next: next.from <= today ? next.value : null };
  }
  const days = await store.listings.neighbourDays(period.from, period.to);
  return { previous: days.previous, next: days.next !== null && days.next <= today ? days.next : null };
}

function containing(kind: 'week' | 'month', day: string): string {
  const periods = containingPeriods(day);
  return kind === 'week' ? periods.week : periods.month;
}

/** A stored paper by any accepted form of its arXiv id; 400 for text that is not an id, 404 for an unknown paper. */
export async function findPaper(store: Store, idText: string): Promise<StoredPaper> {
  const arxivId = normaliseArxivId(idText);
  if (!arxivId) throw invalidPaperId(idText);
  const paper = await store.papers.findByArxivId(arxivId);
  if (!paper) throw paperNotFound({ message: `Paper ${arxivId} is not in this library` });
  return paper;
}

/** A paper by any accepted form of its arXiv id, with its listing when it has one (and is visible). */
export async function getPaper(store: Store, idText: string) {
  const paper = await findPaper(store, idText);
  const listing = await store.listings.findByPaperId(paper.id);
  return { paper, listing: listing && !listing.hidden ? listing : null };
}

export type PaperWithListing = Awaited<ReturnType<typeof getPaper>>;

/** The hottest listings of the last `windowDays` days (see core/trending.ts for the formula). */
export async function getTrending(store: Store, q: { windowDays: number; limit: number; offset?: number; now?: Date }) {
  const today = todayUtc(q.now);
  return store.listings.listRange({
    from: addDays(today, -(q.windowDays - 1)),
    to: today,
    sort: 'trending',
    limit: q.limit,
    offset: q.offset ?? 0,
  });
}

// Filtering by submitter happens after the period's listings are read; this bounds that read.
const SUBMITTER_SCAN_LIMIT = 2000;
const SCAN_PAGE = 200;

/**
 * One page (0-based `p`) of a period's listings, optionally only those one user submitted, with the total for
 * paging (Hugging Face's GET /api/daily_papers).
 */
export async function getDailyPageBySubmitter(
  store: Store,
  q: { period: DailyQuery['period']; sort: ListingSort; p: number; limit: number; submitter?: string },
) {
  const base = { period: q.period, sort: q.sort };
  if (!q.submitter) {
    const daily = await getDailyList(store, { ...base, page: q.p + 1, pageSize: q.limit });
    return { items: daily.items, total: daily.total };
  }
  const wanted = q.submitter.toLowerCase();
  const matching: ListedPaper[] = [];
  for (let page = 1; (page - 1) * SCAN_PAGE < SUBMITTER_SCAN_LIMIT; page++) {
    const daily = await getDailyList(store, { ...base, page, pageSize: SCAN_PAGE });
    matching.push(...daily.items.filter((i) => i.listing.submittedBy?.toLowerCase() === wanted));
    if (page >= daily.pageCount) break;
  }
  return { items: matching.slice(q.p * q.limit, (q.p + 1) * q.limit), total: matching.length };
}
