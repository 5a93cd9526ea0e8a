// Our papers and listings in the JSON shapes of the Hugging Face papers API
// (../shared/data/hf-daily-papers/SHAPES.md), so that tools written for huggingface.co work against this site.
import { createHash } from 'node:crypto';
import type { StoredPaper } from '../../../papers/papers.models.js';
import { paperPath } from '../../../render/paths.js';

/** The part of a listing the HF shapes need. `commentCount` appears once comments exist. */
export interface HfListingInput {
  listedOn: string;
  upvotes: number;
  submittedBy: string | null;
  commentCount?: number;
}

export interface HfUser {
  _id: string;
  avatarUrl: string;
  isPro: boolean;
  fullname: string;
  user?: string;
  type: 'user';
  name: string;
  isHf?: boolean;
  isHfAdmin?: boolean;
  isMod?: boolean;
  isUserFollowing?: boolean;
}

/**
 * `_id` of the placeholder submitter of papers listed automatically from arXiv's announcements. HF's
 * schema requires `submittedBy` on every daily item, so it cannot simply be left out.
 */
export const AUTO_LISTED_ID = '0'.repeat(24);
export const AUTO_LISTED_NAME = 'arxiv';

/** A stable 24-hex id shaped like the MongoDB ObjectIds HF clients expect in `_id` fields. */
export function objectIdFor(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 24);
}

/** HF writes every time as ISO-8601 with milliseconds; stored times may lack them. */
function isoMillis(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

/** arXiv wraps abstracts at ~80 columns; HF sends one line per paragraph. */
function unwrap(text: string): string {
  return text
    .trim()
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('\n');
}

/** The number of comments on a listing: the one place to change when comments come to the store. */
export function numCommentsOf(listing: Pick<HfListingInput, 'commentCount'> | null): number {
  return listing?.commentCount ?? 0;
}

/** HF's `githubRepo` is the repository URL; only GitHub code links qualify. */
export function githubRepoOf(paper: Pick<StoredPaper, 'codeUrl'>): string | undefined {
  return paper.codeUrl?.startsWith('https://github.com/') ? paper.codeUrl : undefined;
}

/** No avatars yet: every user shows the site icon. */
function avatarUrl(origin: string): string {
  return `${origin}/static/favicon.svg`;
}

/** The user object of `paper.submittedOnDailyBy` (seven keys, as HF sends it). */
export function hfUser({ username, origin }: { username: string; origin: string }): HfUser {
  return {
    _id: objectIdFor(`user:${username.toLowerCase()}`),
    avatarUrl: avatarUrl(origin),
    isPro: false,
    fullname: username,
    user: username,
    type: 'user',
    name: username,
  };
}

/** The top-level `submittedBy` object, or the documented placeholder when arXiv's listing put the paper there. */
export function hfSubmitter({ username, origin }: { username: string | null; origin: string }): HfUser {
  const flags = { isHf: false, isHfAdmin: false, isMod: false, isUserFollowing: false };
  if (username === null) {
    const name = AUTO_LISTED_NAME;
    return {
      _id: AUTO_LISTED_ID,
      avatarUrl: avatarUrl(origin),
      fullname: 'arXiv listing',
      name,
      type: 'user',
      isPro: false,
      ...flags,
    };
  }
  const { user: _omitted, ...rest } = hfUser({ username, origin });
  return { ...rest, ...flags };
}

export function hfPaper({
  paper,
  listing,
  origin,
}: {
  paper: StoredPaper;
  listing: HfListingInput | null;
  origin: string;
}) {
  return {
    id: paper.arxivId,
    authors: paper.authors.map((a, i) => ({
      _id: objectIdFor(`author:${paper.arxivId}:${i}`),
      name: a.name,
      hidden: false,
    })),
    publishedAt: isoMillis(paper.publishedAt),
    // HF stamps the Daily-Papers day at midnight UTC; clients group items by it.
    submittedOnDailyAt: listing ? `${listing.listedOn}T00:00:00.000Z` : undefined,
    title: paper.title.trim().replace(/\s+/g, ' '),
    submittedOnDailyBy: listing?.submittedBy ? hfUser({ username: listing.submittedBy, origin }) : undefined,
    summary: unwrap(paper.abstract),
    upvotes: listing?.upvotes ?? 0,
    discussionId: objectIdFor(`discussion:${paper.arxivId}`),
    githubRepo: githubRepoOf(paper),
    projectPage: paper.projectUrl ?? undefined,
    withdrawnAt: paper.withdrawn ? isoMillis(paper.updatedAt) : undefined,
  };
}

export type HfPaper = ReturnType<typeof hfPaper>;

export function thumbnailUrl({ arxivId, origin }: { arxivId: string; origin: string }): string {
  return `${origin}${paperPath(arxivId)}/thumbnail.svg`;
}

/** One element of `GET /api/daily_papers`. */
export function hfDailyItem({
  paper,
  listing,
  origin,
}: {
  paper: StoredPaper;
  listing: HfListingInput;
  origin: string;
}) {
  const hf = hfPaper({ paper, listing, origin });
  return {
    paper: hf,
    // HF's client reads this as the item's `submitted_at`; HF itself sends the arXiv date here.
    publishedAt: hf.publishedAt,
    title: hf.title,
    summary: hf.summary,
    thumbnail: thumbnailUrl({ arxivId: paper.arxivId, origin }),
    numComments: numCommentsOf(listing),
    submittedBy: hfSubmitter({ username: listing.submittedBy, origin }),
    isAuthorParticipating: false,
  };
}

/** `GET /api/papers/{id}`: the flat paper, plus HF's linked-repository lists (empty: this site hosts no models). */
export function hfPaperDetail(args: { paper: StoredPaper; listing: HfListingInput | null; origin: string }) {
  return {
    ...hfPaper(args),
    linkedModels: [],
    numTotalModels: 0,
    linkedDatasets: [],
    numTotalDatasets: 0,
    linkedSpaces: [],
    numTotalSpaces: 0,
  };
}
