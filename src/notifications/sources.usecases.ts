// The sources of notifications: a reply to a comment, an @mention in one, and the decision on an authorship claim
// (fired from their use cases), plus the two fan-outs that jobs of other parts call with one line each: a paper's
// new version or withdrawal (to the readers who upvoted or saved it) and a harvest run's new papers by followed
// authors (batched). Each turns its events into drafts and records them with one `recordNotifications` call.
// (Submissions have no decision: a submitted paper is listed at once, see docs/community.md#submitting-a-paper; the
// `submission_decision` kind is stored, rendered and has a preference, for when they get one.)
import { mentionedUsernames } from '../render/comment-markdown.js';
import type { Store } from '../store/store.js';
import { followedAuthorBatchDrafts, type NotificationDraft, paperEventDedupeKey } from './notifications.models.js';
import { type NotificationDeps, recordNotifications } from './notifications.usecases.js';

const EXCERPT_CHARS = 200;

export function excerptOf(markdown: string): string {
  const flat = markdown.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

export interface PostedComment {
  id: number;
  paperId: number;
  arxivId: string;
  paperTitle: string;
  userId: number;
  username: string;
  parentId: number | null;
  body: string;
}

/**
 * A reply notifies the parent comment's author; a mention notifies each existing account named (once per comment,
 * however often it is named, and not the parent's author, whom the reply already told). Runs again after an edit:
 * the dedupe key is the comment, so only a mention the edit added is new.
 */
export async function commentNotificationDrafts(store: Store, c: PostedComment): Promise<NotificationDraft[]> {
  const base = { arxivId: c.arxivId, paperTitle: c.paperTitle, commentId: c.id, actor: c.username };
  const data = { ...base, excerpt: excerptOf(c.body) };
  const drafts: NotificationDraft[] = [];
  const parent = c.parentId === null ? null : await store.comments.findById(c.parentId);
  if (parent && !parent.deletedAt) {
    drafts.push({
      userId: parent.userId,
      kind: 'comment_reply',
      dedupeKey: `comment:${c.id}`,
      paperId: c.paperId,
      actorUserId: c.userId,
      data,
    });
  }
  const mentioned = await store.notifications.usersByUsernames(mentionedUsernames(c.body));
  for (const user of mentioned) {
    if (user.id === parent?.userId) continue;
    drafts.push({
      userId: user.id,
      kind: 'mention',
      dedupeKey: `comment:${c.id}`,
      paperId: c.paperId,
      actorUserId: c.userId,
      data,
    });
  }
  return drafts;
}

export async function notifyAboutComment(deps: NotificationDeps, c: PostedComment) {
  return recordNotifications(deps, await commentNotificationDrafts(deps.store, c));
}

/** The claimant hears the decision; the dedupe key is the claim, decided once (moderation.decideClaim). */
export async function notifyClaimDecision(
  deps: NotificationDeps,
  d: {
    claimId: number;
    claimantId: number;
    moderatorId: number;
    paperId: number;
    arxivId: string;
    paperTitle: string;
    authorName: string;
    approved: boolean;
  },
) {
  return recordNotifications(deps, [
    {
      userId: d.claimantId,
      kind: 'claim_decision',
      dedupeKey: `claim:${d.claimId}`,
      paperId: d.paperId,
      actorUserId: d.moderatorId,
      data: { arxivId: d.arxivId, paperTitle: d.paperTitle, authorName: d.authorName, approved: d.approved },
    },
  ]);
}

/** The names among `bodies`' mentions that belong to an account (lower-cased): what the renderer links. */
export async function existingMentions(store: Store, bodies: readonly string[]): Promise<ReadonlySet<string>> {
  const names = [...new Set(bodies.flatMap((b) => mentionedUsernames(b)))];
  const users = await store.notifications.usersByUsernames(names);
  return new Set(users.map((u) => u.username.toLowerCase()));
}

export interface PaperEvent {
  paperId: number;
  arxivId: string;
  title: string;
  kind: 'new_version' | 'withdrawn';
  version: number;
}

/**
 * A paper's new version or withdrawal, to every reader who upvoted it or saved it to a collection: one notification
 * per user and event (the event's dedupe key), so re-harvesting the same version notifies nobody again.
 */
export async function notifyPaperEvents(deps: NotificationDeps, events: readonly PaperEvent[]) {
  const watchers = await deps.store.notifications.watchersOf([...new Set(events.map((e) => e.paperId))]);
  const drafts: NotificationDraft[] = events.flatMap((e) =>
    (watchers.get(e.paperId) ?? []).map(
      (userId): NotificationDraft => ({
        userId,
        kind: e.kind === 'new_version' ? 'paper_new_version' : 'paper_withdrawn',
        dedupeKey: paperEventDedupeKey(e),
        paperId: e.paperId,
        data: { arxivId: e.arxivId, paperTitle: e.title, version: e.version },
      }),
    ),
  );
  return recordNotifications(deps, drafts);
}

/** A harvest run's new papers by followed authors: one notification per user per run (followedAuthorBatchDrafts). */
export async function notifyFollowedAuthorPapers(
  deps: NotificationDeps,
  run: Parameters<typeof followedAuthorBatchDrafts>[0],
) {
  return recordNotifications(deps, followedAuthorBatchDrafts(run));
}
