import { describe, expect, it } from 'vitest';
import { describeNotification } from './notification-text.js';
import {
  followedAuthorBatchDrafts,
  KIND_LABELS,
  MAIL_DEFAULTS,
  mailPreferences,
  NOTIFICATION_KINDS,
  type NotificationDataByKind,
  paperEventDedupeKey,
} from './notifications.models.js';

const paper = { arxivId: '2401.00001', paperTitle: 'Sparse <mixers>' };
const samples: { [K in keyof NotificationDataByKind]: NotificationDataByKind[K] } = {
  comment_reply: { ...paper, commentId: 7, actor: 'bob', excerpt: 'Agreed.' },
  mention: { ...paper, commentId: 8, actor: 'carol', excerpt: 'Ask @ada.' },
  paper_new_version: { ...paper, version: 3 },
  paper_withdrawn: { ...paper, version: 4 },
  claim_decision: { ...paper, authorName: 'Ada Lovelace', approved: true },
  submission_decision: { ...paper, approved: false, reason: 'Off topic' },
  followed_author_paper: {
    runKey: 'harvest-2024-05-01',
    papers: [
      { arxivId: '2405.00001', title: 'One', authors: ['A', 'B', 'C', 'D'] },
      { arxivId: '2405.00002', title: 'Two', authors: ['E'] },
    ],
  },
};

describe('notification kinds', () => {
  it('gives every kind a wording with a link, a settings label and an e-mail default', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const text = describeNotification({ kind, data: samples[kind] } as Parameters<typeof describeNotification>[0]);
      expect(text.summary.length, kind).toBeGreaterThan(10);
      expect(text.path, kind).toMatch(/^\//);
      expect(KIND_LABELS[kind], kind).toBeTruthy();
      expect(typeof MAIL_DEFAULTS[kind], kind).toBe('boolean');
    }
    expect(describeNotification({ kind: 'comment_reply', data: samples.comment_reply }).path).toBe(
      '/papers/2401.00001#comment-7',
    );
    const batch = describeNotification({ kind: 'followed_author_paper', data: samples.followed_author_paper });
    expect(batch.summary).toBe('2 new papers by authors you follow');
    expect(batch.path).toBe('/following');
    expect(batch.details).toEqual([
      { text: 'One — A, B, C et al.', path: '/papers/2405.00001' },
      { text: 'Two — E', path: '/papers/2405.00002' },
    ]);
  });

  it('mails replies and mentions by default and reads stored choices over the defaults', () => {
    expect(MAIL_DEFAULTS.comment_reply && MAIL_DEFAULTS.mention).toBe(true);
    expect(MAIL_DEFAULTS.paper_new_version || MAIL_DEFAULTS.followed_author_paper).toBe(false);
    const prefs = mailPreferences([
      { kind: 'mention', enabled: false },
      { kind: 'not-a-kind', enabled: true },
    ]);
    expect(prefs.mention).toBe(false);
    expect(prefs.comment_reply).toBe(true);
    expect(Object.keys(prefs).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it('batches new papers by followed authors: one notification per user per run, each paper listed once', () => {
    const drafts = followedAuthorBatchDrafts({
      runKey: 'harvest-2024-05-01',
      papers: [
        { paperId: 1, arxivId: '2405.00001', title: 'One', authors: ['A'], followerIds: [10, 11, 10] },
        { paperId: 2, arxivId: '2405.00002', title: 'Two', authors: ['B'], followerIds: [10] },
        { paperId: 1, arxivId: '2405.00001', title: 'One', authors: ['A'], followerIds: [10] },
      ],
    });
    expect(drafts).toHaveLength(2);
    const ten = drafts.find((d) => d.userId === 10)!;
    expect(ten).toMatchObject({ kind: 'followed_author_paper', dedupeKey: 'run:harvest-2024-05-01' });
    expect((ten.data as NotificationDataByKind['followed_author_paper']).papers.map((p) => p.arxivId)).toEqual([
      '2405.00001',
      '2405.00002',
    ]);
    expect(paperEventDedupeKey({ arxivId: '2405.00001', kind: 'withdrawn', version: 3 })).toBe(
      'withdrawn:2405.00001v3',
    );
  });
});
