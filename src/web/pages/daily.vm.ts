import type { CardAnnotations } from '../../community/cards.usecases.js';
import { arxivAbsUrl, arxivHtmlUrl, arxivPdfUrl } from '../../core/arxiv-id.js';
import { containingPeriods, type PeriodKind, periodLabel } from '../../core/dates.js';

export { periodLabel };

import type { ListedPaper } from '../../papers/papers.models.js';
import type { DailyList, PaperWithListing } from '../../papers/papers.usecases.js';
import type { ChromeVM, DailyPageVM, DailySort, ListingVM, PaperCardVM, PaperPageVM } from '../views/view-models.js';

// Route results → view models. Kept apart from the routes so both stay small and the mapping is testable.

const PARAM: Record<PeriodKind, string> = { day: 'date', week: 'week', month: 'month' };

export function dailyHref(q: { kind: PeriodKind; value: string; sort?: DailySort; page?: number }): string {
  const params = new URLSearchParams({ [PARAM[q.kind]]: q.value });
  if (q.sort && q.sort !== 'upvotes') params.set('sort', q.sort);
  if (q.page && q.page > 1) params.set('page', String(q.page));
  return `/papers?${params}`;
}

/** `notes` (community annotations of the page's papers) fill the comment count and the reader's own vote. */
export function listingVM(
  listing: { listedOn: string; upvotes: number; submittedBy: string | null } | null,
  paperId?: number,
  notes?: CardAnnotations,
): ListingVM | null {
  if (!listing) return null;
  return {
    listedOn: listing.listedOn,
    upvotes: listing.upvotes,
    submittedBy: listing.submittedBy,
    commentCount: paperId === undefined ? 0 : (notes?.commentCounts.get(paperId) ?? 0),
    upvotedByViewer: paperId !== undefined && (notes?.upvoted.has(paperId) ?? false),
  };
}

/** The card of any paper, listed or not; `rank` only on ranked lists (daily, trending). */
export function cardVM(
  item: { paper: ListedPaper['paper']; listing: ListedPaper['listing'] | null },
  rank?: number,
  notes?: CardAnnotations,
): PaperCardVM {
  const savedIn = notes?.savedIn ? [...(notes.savedIn.get(item.paper.id) ?? [])] : undefined;
  return {
    paper: item.paper,
    listing: listingVM(item.listing, item.paper.id, notes),
    codeUrl: item.paper.codeUrl,
    rank,
    savedIn,
  };
}

export function dailyPageVM(daily: DailyList, sort: DailySort, chrome: ChromeVM, notes?: CardAnnotations): DailyPageVM {
  const { period } = daily;
  const anchorDay = period.from;
  const { week, month } = containingPeriods(anchorDay);
  const href = (kind: PeriodKind, value: string, page?: number) => dailyHref({ kind, value, sort, page });
  return {
    chrome,
    period: {
      kind: period.kind,
      value: period.value,
      label: periodLabel(period.kind, period.value),
      from: period.from,
      to: period.to,
      prevHref: daily.previous ? href(period.kind, daily.previous) : null,
      nextHref: daily.next ? href(period.kind, daily.next) : null,
      kindHrefs: { day: href('day', anchorDay), week: href('week', week), month: href('month', month) },
    },
    sort,
    sortHrefs: {
      upvotes: dailyHref({ kind: period.kind, value: period.value }),
      trending: dailyHref({ kind: period.kind, value: period.value, sort: 'trending' }),
      newest: dailyHref({ kind: period.kind, value: period.value, sort: 'newest' }),
    },
    items: daily.items.map((item, i) => cardVM(item, (daily.page - 1) * daily.pageSize + i + 1, notes)),
    page: daily.page,
    pageCount: daily.pageCount,
    pageHref: (page) => href(period.kind, period.value, page),
    isFallback: daily.isFallback,
    isFuture: daily.isFuture,
  };
}

export function paperPageVM(result: PaperWithListing, chrome: ChromeVM, notes?: CardAnnotations): PaperPageVM {
  const { paper, listing } = result;
  return {
    chrome,
    paper,
    listing: listingVM(listing, paper.id, notes),
    codeUrl: paper.codeUrl,
    projectUrl: paper.projectUrl,
    absUrl: arxivAbsUrl(paper.arxivId),
    pdfUrl: arxivPdfUrl(paper.arxivId),
    // arXiv renders HTML only for papers submitted from December 2023 on.
    htmlUrl: paper.publishedAt >= '2023-12' ? arxivHtmlUrl(paper.arxivId) : null,
  };
}
