// Typed inputs of the HTML views. Routes build these from use-case results; views never query anything.
import type { Paper } from '../../core/paper.js';
import type { MailMode } from '../../mail/mail-mode.js';
import type { OrgBadge } from '../../organizations/organizations.models.js';
import type { SafeHtml } from '../../render/html.js';

export interface UserVM {
  username: string;
  /** Moderators and admins see moderation controls and the admin links. */
  role?: 'user' | 'moderator' | 'admin';
  /** The signed-in user's collections, for the save menus on cards. */
  collections?: Array<{ id: number; name: string }>;
  /** Unread notifications, for the header's count (one indexed count per signed-in page). */
  unreadNotifications?: number;
}

// The reader's parts of a shared page (views/viewer-parts.ts, web/pages/shared-pages.ts).
/** The reader's own state of the papers on a page, read per request (one batch for the page). */
export interface ViewerFacts {
  /** Papers the reader upvoted. */
  upvoted: ReadonlySet<number>;
  /** Per paper, the reader's collections holding it; null when signed out (cards then show no save menu). */
  savedIn: ReadonlyMap<number, ReadonlySet<number>> | null;
}

/** What a template's chrome leaves out: who the reader is, their CSRF token and their flash message. */
export type ReaderChrome = Pick<ChromeVM, 'user' | 'csrfToken' | 'flash'>;

/** A reader's part of a page, rendered per request from that reader's chrome fields and facts. */
export type ViewerPart = (reader: ReaderChrome, facts: ViewerFacts) => SafeHtml;

/**
 * Collects a template's reader parts; `slot` returns the placeholder the template carries in the part's place.
 * `paperId`: the paper whose reader state the part shows (the facts are read for these papers).
 */
export interface ViewerSlots {
  slot(part: ViewerPart, paperId?: number): SafeHtml;
}

/** A one-shot message shown at the top of the next page after a form post ("Comment posted"). */
export interface FlashVM {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** Per-request page chrome every page needs: who is signed in, the CSRF token for forms, the search box text. */
export interface ChromeVM {
  user: UserVM | null;
  /** Sent as the `_csrf` field of every POST form (@fastify/csrf-protection's default field name). */
  csrfToken: string | null;
  /** Script nonce, when the CSP uses nonces on top of 'self'. */
  nonce?: string;
  /** Text to keep in the header search box. */
  searchQuery?: string;
  /** Absolute origin ("https://papers.example.org") used to make canonical URLs absolute. */
  origin?: string;
  flash?: FlashVM | null;
  /** How this site sends mail; `none` makes pages offer feeds instead of e-mail (unset counts as able to mail). */
  mailMode?: MailMode;
  /** The page's own path and query ("/papers?date=2024-05-01"), where forms on it send the reader back to. */
  currentPath?: string;
  /**
   * Set only while a page is rendered once as a template shared by its readers (web/pages/shared-pages.ts): the
   * reader's parts are recorded here instead of rendered (views/viewer-parts.ts). Such a chrome has no reader.
   */
  template?: ViewerSlots;
}

export interface FeedLinkVM {
  title: string;
  href: string;
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
}

export type NavKey = 'daily' | 'trending' | 'search' | 'about';

export interface LayoutVM {
  chrome: ChromeVM;
  title: string;
  description?: string;
  canonicalPath?: string;
  alternateFeeds?: FeedLinkVM[];
  activeNav?: NavKey;
  /** More of <head>: a paper page's citation_* meta tags and its BibTeX link. */
  head?: SafeHtml;
}

/** A paper's place on the daily feed: listing date, votes and who submitted it. */
export interface ListingVM {
  /** UTC day the paper was listed, "2024-05-01". */
  listedOn: string;
  upvotes: number;
  submittedBy: string | null;
  commentCount: number;
  /** Whether the signed-in reader has upvoted it (false when signed out). */
  upvotedByViewer: boolean;
}

export interface PaperCardVM {
  paper: Paper;
  listing: ListingVM | null;
  codeUrl: string | null;
  /** 1-based position on the page, shown next to the vote box when present. */
  rank?: number;
  /** Ids of the signed-in user's collections that hold this paper (the card's save menu). */
  savedIn?: number[];
  /** Title and abstract excerpt with search matches marked, math already rendered (search results). */
  highlighted?: { title: SafeHtml; abstract: SafeHtml };
  /** The organization the paper is attributed to: the card shows it instead of the author count. */
  organization?: OrgBadge;
  /** Text derived from the paper's current title and abstract (paper-derived-text.ts), when computed. */
  derived?: DerivedTextVM;
}

/** Keywords (best first) and a one-sentence summary, shown as chips and a line on cards and the paper page. */
export interface DerivedTextVM {
  keywords: string[];
  summary: string | null;
}

export type PeriodKind = 'day' | 'week' | 'month';
export type DailySort = 'upvotes' | 'trending' | 'newest';

export interface PeriodVM {
  kind: PeriodKind;
  /** "2024-05-01" | "2024-W18" | "2024-05". */
  value: string;
  /** "Wednesday, 1 May 2024" | "Week 18, 2024" | "May 2024". */
  label: string;
  /** First and last UTC day of the period ("2024-04-29", "2024-05-05"); the same day twice for a day. */
  from: string;
  to: string;
  prevHref: string | null;
  nextHref: string | null;
  /** The same moment at each granularity, for the day/week/month switcher. */
  kindHrefs: Record<PeriodKind, string>;
}

export interface DailyPageVM {
  chrome: ChromeVM;
  period: PeriodVM;
  sort: DailySort;
  sortHrefs: Record<DailySort, string>;
  items: PaperCardVM[];
  /** 1-based. */
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
  /** True when the requested day had no papers and the latest listed day is shown instead. */
  isFallback: boolean;
  /** True when the period has not begun: nothing can be listed in it yet. */
  isFuture?: boolean;
  alternateFeeds?: FeedLinkVM[];
  /** The organization the page is filtered by (?org=), with the link that removes the filter. */
  organizationFilter?: OrgBadge & { clearHref: string };
}

export interface PaperPageVM {
  chrome: ChromeVM;
  paper: Paper;
  listing: ListingVM | null;
  codeUrl: string | null;
  projectUrl: string | null;
  absUrl: string;
  pdfUrl: string;
  htmlUrl: string | null;
  /** Filled by later features; the page renders an empty, labelled section when absent. */
  similarPapers?: SafeHtml;
  comments?: SafeHtml;
  /** Community controls under the listing line: save menu, authorship claim, moderation. */
  extras?: SafeHtml;
  /** The paper's organization and the attribution controls (views/paper-organization.ts). */
  organizationPanel?: SafeHtml;
  /** Further links and the authors' links form (views/paper-links-panel.ts). */
  linksPanel?: SafeHtml;
  /** Author name → usernames a moderator verified as that author (badges next to the name). */
  verifiedAuthors?: Record<string, string[]>;
  /** Version history with links to compare known texts (views/version-history.ts); empty for a single version. */
  versionHistory?: SafeHtml;
  derived?: DerivedTextVM;
}

export interface ErrorPageVM {
  /** Optional because errors can happen before the session is known; defaults to a signed-out header. */
  chrome?: ChromeVM;
  status: number;
  title: string;
  message: string;
  requestId?: string;
}
