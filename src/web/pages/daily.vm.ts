import type { CardAnnotations } from '../../community/cards.usecases.js';
import { arxivAbsUrl, arxivHtmlUrl, arxivPdfUrl } from '../../core/arxiv-id.js';
import { containingPeriods, type PeriodKind, periodLabel } from '../../core/dates.js';

export { periodLabel };

import { currentKeywords } from '../../keywords/keywords.usecases.js';
import type { OrgBadge } from '../../organizations/organizations.models.js';
import type { ListedPaper } from '../../papers/papers.models.js';
import type { DailyList, PaperWithListing } from '../../papers/papers.usecases.js';
import { currentSummary } from '../../summaries/summaries.models.js';
import type {
  ChromeVM,
  DailyPageVM,
  DailySort,
  DerivedTextVM,
  ListingVM,
  PaperCardVM,
  PaperPageVM,
} from '../views/view-models.js';

// Route results → view models. Kept apart from the routes so both stay small and the mapping is testable.

const PARAM: Record<PeriodKind, string> = { day: 'date', week: 'week', month: 'month' };

export function dailyHref(q: {
  kind: PeriodKind;
  value: string;
  sort?: DailySort;
  page?: number;
  /** The organization filter's slug (?org=). */
  org?: string;
}): string {
  const params = new URLSearchParams({ [PARAM[q.kind]]: q.value });
  if (q.sort && q.sort !== 'upvotes') params.set('sort', q.sort);
  if (q.page && q.page > 1) params.set('page', String(q.page));
  if (q.org) params.set('org', q.org);
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

/** Keywords and summary of the paper's current text (stored ones computed from an older text are not shown). */
export function derivedVM(
  paper: { id: number; title: string; abstract: string },
  notes?: CardAnnotations,
): DerivedTextVM | undefined {
  if (!notes) return undefined;
  return { keywords: currentKeywords(paper, notes.keywords), summary: currentSummary(paper, notes.summaries) };
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
    organization: notes?.organizations?.get(item.paper.id),
    derived: derivedVM(item.paper, notes),
  };
}

export function dailyPageVM(
  daily: DailyList,
  sort: DailySort,
  chrome: ChromeVM,
  notes?: CardAnnotations,
  /** The organization the page is filtered by (?org=), kept in every link of the page. */
  organization?: OrgBadge,
): DailyPageVM {
  const { period } = daily;
  const anchorDay = period.from;
  const { week, month } = containingPeriods(anchorDay);
  const org = organization?.slug;
  const href = (kind: PeriodKind, value: string, page?: number) => dailyHref({ kind, value, sort, page, org });
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
      upvotes: dailyHref({ kind: period.kind, value: period.value, org }),
      trending: dailyHref({ kind: period.kind, value: period.value, sort: 'trending', org }),
      newest: dailyHref({ kind: period.kind, value: period.value, sort: 'newest', org }),
    },
    organizationFilter: organization
      ? { ...organization, clearHref: dailyHref({ kind: period.kind, value: period.value, sort }) }
      : undefined,
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
    derived: derivedVM(paper, notes),
  };
}
