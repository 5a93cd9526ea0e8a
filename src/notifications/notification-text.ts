// What a notification says, as plain text with its link: one wording for the page, the API and the mails (the page
// escapes it through the html template; the mail's HTML part does too).
import { paperPath } from '../render/paths.js';
import type { NotificationDataByKind, StoredNotification } from './notifications.models.js';

export interface NotificationText {
  /** One sentence: "ada replied to your comment on “Title”". */
  summary: string;
  /** A quote or a list under it (comment excerpt, the papers of a batch, each with its link); may be empty. */
  details: Array<{ text: string; path?: string }>;
  /** Site-relative link to what it is about. */
  path: string;
}

const quote = (title: string) => `“${title}”`;

/** Exhaustive over the kinds: a new kind without a wording fails to compile. */
const WORDING: { [K in keyof NotificationDataByKind]: (d: NotificationDataByKind[K]) => NotificationText } = {
  comment_reply: (d) => ({
    summary: `${d.actor} replied to your comment on ${quote(d.paperTitle)}`,
    details: d.excerpt ? [{ text: d.excerpt }] : [],
    path: `${paperPath(d.arxivId)}#comment-${d.commentId}`,
  }),
  mention: (d) => ({
    summary: `${d.actor} mentioned you in a comment on ${quote(d.paperTitle)}`,
    details: d.excerpt ? [{ text: d.excerpt }] : [],
    path: `${paperPath(d.arxivId)}#comment-${d.commentId}`,
  }),
  paper_new_version: (d) => ({
    summary: `Version ${d.version} of ${quote(d.paperTitle)} (${d.arxivId}) is out`,
    details: [],
    path: paperPath(d.arxivId),
  }),
  paper_withdrawn: (d) => ({
    summary: `${quote(d.paperTitle)} (${d.arxivId}) was withdrawn by its authors`,
    details: [],
    path: paperPath(d.arxivId),
  }),
  claim_decision: (d) => ({
    summary: d.approved
      ? `Your claim to be ${d.authorName} on ${quote(d.paperTitle)} was approved`
      : `Your claim to be ${d.authorName} on ${quote(d.paperTitle)} was not approved`,
    details: [],
    path: paperPath(d.arxivId),
  }),
  submission_decision: (d) => ({
    summary: d.approved
      ? `Your submission ${quote(d.paperTitle)} was accepted`
      : `Your submission ${quote(d.paperTitle)} was not accepted`,
    details: d.reason ? [{ text: d.reason }] : [],
    path: paperPath(d.arxivId),
  }),
  followed_author_paper: (d) => ({
    summary:
      d.papers.length === 1
        ? 'A new paper by an author you follow'
        : `${d.papers.length} new papers by authors you follow`,
    details: d.papers.map((p) => ({
      text: `${p.title} — ${p.authors.slice(0, 3).join(', ')}${p.authors.length > 3 ? ' et al.' : ''}`,
      path: paperPath(p.arxivId),
    })),
    // /following lists them with the reason each is there; each paper is linked in the details.
    path: '/following',
  }),
};

export function describeNotification(n: Pick<StoredNotification, 'kind' | 'data'>): NotificationText {
  return (WORDING[n.kind] as (d: unknown) => NotificationText)(n.data);
}
