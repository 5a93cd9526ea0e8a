// Notifications: what a reader is told about, how each kind is keyed so nothing is told twice, which kinds go by
// e-mail unless the reader says otherwise, and the rules that batch mails and prune old notices. Pure: no store.

/** Every kind the site can notify about (the shared contract of issue 16, see /docs/community.md#notifications). */
export const NOTIFICATION_KINDS = [
  'comment_reply',
  'mention',
  'paper_new_version',
  'paper_withdrawn',
  'claim_decision',
  'submission_decision',
  'followed_author_paper',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);

/**
 * What each kind carries in `data` (frozen when it happened, so a later edit or deletion of the source does not
 * rewrite history; a deleted comment still shows who replied, not what they said).
 */
export interface NotificationDataByKind {
  comment_reply: { arxivId: string; paperTitle: string; commentId: number; actor: string; excerpt: string };
  mention: { arxivId: string; paperTitle: string; commentId: number; actor: string; excerpt: string };
  paper_new_version: { arxivId: string; paperTitle: string; version: number };
  paper_withdrawn: { arxivId: string; paperTitle: string; version: number };
  claim_decision: { arxivId: string; paperTitle: string; authorName: string; approved: boolean };
  submission_decision: { arxivId: string; paperTitle: string; approved: boolean; reason?: string };
  /** Batched: one notification per user per harvest run, listing the papers (see followedAuthorBatchDraft). */
  followed_author_paper: { papers: Array<{ arxivId: string; title: string; authors: string[] }>; runKey: string };
}

export type NotificationData = NotificationDataByKind[NotificationKind];

/** One notification to record; `recordNotifications` is idempotent on (userId, kind, dedupeKey). */
export type NotificationDraft = {
  [K in NotificationKind]: {
    userId: number;
    kind: K;
    /** Names the event: recording the same (user, kind, dedupeKey) again does nothing. */
    dedupeKey: string;
    paperId?: number;
    /** Who caused it; a draft whose actor is its recipient is dropped (nobody is told about their own action). */
    actorUserId?: number;
    data: NotificationDataByKind[K];
  };
}[NotificationKind];

export type MailState = 'pending' | 'batched' | 'off';

export interface StoredNotification {
  id: number;
  userId: number;
  kind: NotificationKind;
  dedupeKey: string;
  paperId: number | null;
  actorUserId: number | null;
  data: NotificationData;
  createdAt: string;
  readAt: string | null;
  mailState: MailState;
}

/**
 * E-mail defaults. On: what is addressed to you personally and that you may want to answer or act on — replies,
 * mentions, the decision on a claim or submission you made, and the withdrawal of a paper you saved or upvoted
 * (rare, and you may be citing it). Off: new versions (frequent, and shown on the page and in-app) and new papers by
 * followed authors (the digest and /following already bring those; a second mail would repeat them).
 */
export const MAIL_DEFAULTS: Readonly<Record<NotificationKind, boolean>> = {
  comment_reply: true,
  mention: true,
  paper_new_version: false,
  paper_withdrawn: true,
  claim_decision: true,
  submission_decision: true,
  followed_author_paper: false,
};

/** What the settings page and the mails call each kind. */
export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  comment_reply: 'Replies to my comments',
  mention: 'Mentions of @me in comments',
  paper_new_version: 'New versions of papers I saved or upvoted',
  paper_withdrawn: 'Withdrawals of papers I saved or upvoted',
  claim_decision: 'Decisions on my authorship claims',
  submission_decision: 'Decisions on papers I submitted',
  followed_author_paper: 'New papers by authors I follow',
};

export type MailPreferences = Record<NotificationKind, boolean>;

export function mailPreferences(stored: ReadonlyArray<{ kind: string; enabled: boolean }>): MailPreferences {
  const prefs = { ...MAIL_DEFAULTS };
  for (const p of stored) if (isNotificationKind(p.kind)) prefs[p.kind] = p.enabled;
  return prefs;
}

/** Mails are batched: a user gets at most one notification mail per this many minutes. */
export const MAIL_BATCH_MINUTES = 60;
/** A notice still unmailed after this long is not mailed any more (mail was off, or the address unconfirmed). */
export const MAIL_STALE_HOURS = 48;
/** Most notices listed in one mail; the rest of the batch is summed up with a link to /notifications. */
export const MAIL_MAX_ITEMS = 20;

/**
 * The pruning rule: read notices go after 90 days, unread ones after a year, and a user keeps at most the newest
 * 500 whatever their age. Sent, failed and skipped mails go after 90 days.
 */
export const PRUNE_RULE = { readDays: 90, unreadDays: 365, maxPerUser: 500, mailDays: 90 } as const;

/**
 * The batching rule for `followed_author_paper`: one notification per user per harvest run, listing every new
 * paper of that run by an author the user follows (a paper with two followed authors is listed once). The run's key
 * is the dedupe key, so re-running the fan-out of the same run records nothing new.
 */
export function followedAuthorBatchDrafts(opts: {
  runKey: string;
  /** Each new paper of the run with the users who follow one of its authors. */
  papers: ReadonlyArray<{ paperId: number; arxivId: string; title: string; authors: string[]; followerIds: number[] }>;
}): NotificationDraft[] {
  const byUser = new Map<number, Array<{ arxivId: string; title: string; authors: string[] }>>();
  for (const p of opts.papers) {
    for (const userId of new Set(p.followerIds)) {
      const list = byUser.get(userId) ?? [];
      if (!list.some((x) => x.arxivId === p.arxivId))
        list.push({ arxivId: p.arxivId, title: p.title, authors: p.authors });
      byUser.set(userId, list);
    }
  }
  return [...byUser].map(([userId, papers]) => ({
    userId,
    kind: 'followed_author_paper',
    dedupeKey: `run:${opts.runKey}`,
    data: { papers, runKey: opts.runKey },
  }));
}

/** The dedupe key of a paper event (versions' paper_events): one notice per user and event. */
export const paperEventDedupeKey = (e: { arxivId: string; kind: 'new_version' | 'withdrawn'; version: number }) =>
  `${e.kind}:${e.arxivId}v${e.version}`;
