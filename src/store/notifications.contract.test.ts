import { afterEach, describe, expect, it } from 'vitest';
import { seedListed } from '../../test/support/seed.js';
import { storeFactories } from '../../test/support/stores.js';
import type { NotificationDraft } from '../notifications/notifications.models.js';
import { notifyPaperEvents } from '../notifications/sources.usecases.js';
import type { Store } from './store.js';

const draft = (userId: number, key: string, over: Partial<NotificationDraft> = {}): NotificationDraft =>
  ({
    userId,
    kind: 'paper_withdrawn',
    dedupeKey: key,
    data: { arxivId: '2401.00001', paperTitle: 'T', version: 2 },
    ...over,
  }) as NotificationDraft;

const pending = (d: NotificationDraft) => ({ ...d, mailState: 'pending' as const });
const HOLDER = 'test-holder';
const T = '2025-06-01T00:00:00.000Z';
const T1 = '2025-06-01T01:00:00.000Z';
const T2 = '2025-06-01T02:00:00.000Z';

describe.each(storeFactories)('notifications on $dialect', (factory) => {
  let store: Store;
  afterEach(async () => store?.close());

  async function users(...names: string[]) {
    return Promise.all(names.map((username) => store.users.create({ username, email: `${username}@example.org` })));
  }

  it('records each (user, kind, dedupe key) once, and returns only what is new', async () => {
    store = await factory.open('notif_dedupe');
    const [ada, bob] = await users('ada', 'bob');
    const first = await store.notifications.insertMany([pending(draft(ada!, 'a')), pending(draft(bob!, 'a'))], T1);
    expect(first).toHaveLength(2);
    const again = await store.notifications.insertMany(
      [pending(draft(ada!, 'a')), pending(draft(ada!, 'b')), pending(draft(ada!, 'a', { kind: 'paper_new_version' }))],
      T2,
    );
    expect(again.map((n) => [n.dedupeKey, n.kind])).toEqual([
      ['b', 'paper_withdrawn'],
      ['a', 'paper_new_version'],
    ]);
    const [stored] = await store.notifications.listForUser(bob!, { limit: 10 });
    expect(stored).toMatchObject({ userId: bob, kind: 'paper_withdrawn', readAt: null, mailState: 'pending' });
    expect(stored!.data).toEqual({ arxivId: '2401.00001', paperTitle: 'T', version: 2 });
  });

  it('lists newest first in keyset pages, counts unread, and marks read only the owner’s', async () => {
    store = await factory.open('notif_list');
    const [ada, bob] = await users('ada', 'bob');
    const rows = await store.notifications.insertMany(
      Array.from({ length: 5 }, (_, i) => pending(draft(ada!, `k${i}`))),
      new Date().toISOString(),
    );
    const ids = rows.map((r) => r.id);
    const page1 = await store.notifications.listForUser(ada!, { limit: 3 });
    expect(page1.map((n) => n.id)).toEqual([ids[4], ids[3], ids[2]]);
    const page2 = await store.notifications.listForUser(ada!, { limit: 3, beforeId: page1[2]!.id });
    expect(page2.map((n) => n.id)).toEqual([ids[1], ids[0]]);
    expect(await store.notifications.unreadCount(ada!)).toBe(5);
    expect(await store.notifications.markRead(bob!, ids[0]!, T)).toBe(false);
    expect(await store.notifications.markRead(ada!, ids[0]!, T)).toBe(true);
    // Marking it again is no error, and changes nothing.
    expect(await store.notifications.markRead(ada!, ids[0]!, T)).toBe(true);
    expect(await store.notifications.unreadCount(ada!)).toBe(4);
    expect(await store.notifications.markAllRead(ada!, T, ids[2])).toBe(2);
    expect(await store.notifications.unreadCount(ada!)).toBe(2);
    expect(await store.notifications.markAllRead(ada!, T)).toBe(2);
    expect(await store.notifications.unreadCount(ada!)).toBe(0);
  });

  it('keeps only the e-mail choices that were made, and finds accounts by username whatever the case', async () => {
    store = await factory.open('notif_prefs');
    const [ada] = await users('Ada');
    await store.notifications.setMailPrefs(ada!, [{ kind: 'mention', enabled: false }], T1);
    await store.notifications.setMailPrefs(
      ada!,
      [
        { kind: 'mention', enabled: true },
        { kind: 'paper_new_version', enabled: true },
      ],
      T2,
    );
    const prefs = await store.notifications.mailPrefs(ada!);
    expect(prefs.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'mention', enabled: true },
      { kind: 'paper_new_version', enabled: true },
    ]);
    expect((await store.notifications.mailPrefsOf([ada!])).get(ada!)).toHaveLength(2);
    expect(await store.notifications.usersByUsernames(['ADA', 'ada', 'nobody'])).toEqual([
      { id: ada, username: 'Ada' },
    ]);
  });

  it('prunes read ones after the read age, any after the unread age, and beyond the per-user cap', async () => {
    store = await factory.open('notif_prune');
    const [ada, bob] = await users('ada', 'bob');
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
    const [oldRead] = await store.notifications.insertMany([pending(draft(ada!, 'old-read'))], day(0));
    await store.notifications.insertMany([pending(draft(ada!, 'old-unread'))], day(0));
    const [recentRead] = await store.notifications.insertMany([pending(draft(ada!, 'recent-read'))], day(200));
    await store.notifications.insertMany([pending(draft(ada!, 'ancient'))], day(-300));
    await store.notifications.markRead(ada!, oldRead!.id, day(1));
    await store.notifications.markRead(ada!, recentRead!.id, day(201));
    for (let i = 0; i < 6; i++) await store.notifications.insertMany([pending(draft(bob!, `b${i}`))], day(250));
    const deleted = await store.notifications.prune({ readBefore: day(100), unreadBefore: day(-100), maxPerUser: 4 });
    // ada: old-read (read, before the read age) and ancient (before the unread age); bob: the 2 beyond the cap.
    expect(deleted).toBe(4);
    const left = (await store.notifications.listForUser(ada!, { limit: 10 })).map((n) => n.dedupeKey).sort();
    expect(left).toEqual(['old-unread', 'recent-read']);
    const bobs = (await store.notifications.listForUser(bob!, { limit: 10 })).map((n) => n.dedupeKey);
    expect(bobs).toEqual(['b5', 'b4', 'b3', 'b2']);
  });

  it('batches pending notifications into one mail once, and the mail outbox claims and settles like the digests’', async () => {
    store = await factory.open('notif_mails');
    const [ada] = await users('ada');
    const now = new Date().toISOString();
    const rows = await store.notifications.insertMany(
      [pending(draft(ada!, 'x')), pending(draft(ada!, 'y')), { ...draft(ada!, 'z'), mailState: 'off' }],
      now,
    );
    expect(await store.notifications.mails.usersWithPending(10)).toEqual([ada]);
    const waiting = await store.notifications.mails.pendingFor(ada!);
    expect(waiting.map((n) => n.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    const mailId = await store.notifications.mails.createBatch({
      userId: ada!,
      notificationIds: waiting.map((n) => n.id),
      now,
    });
    expect(mailId).not.toBeNull();
    // The same notifications cannot go into a second mail: the second batch writes nothing.
    expect(
      await store.notifications.mails.createBatch({ userId: ada!, notificationIds: [rows[0]!.id], now }),
    ).toBeNull();
    expect(await store.notifications.mails.usersWithPending(10)).toEqual([]);
    expect(await store.notifications.mails.notificationIdsOf(mailId!)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(await store.notifications.mails.lastMailAt(ada!)).toBe(now);

    const claimed = await store.notifications.mails.claimNext(HOLDER, now);
    expect(claimed).toMatchObject({ id: mailId, status: 'sending', attempts: 1 });
    expect(await store.notifications.mails.claimNext(HOLDER, now)).toBeNull();
    // A crashed sender's row goes back to pending and is claimed again.
    expect(await store.notifications.mails.recoverStale(new Date(Date.now() + 60_000).toISOString(), now)).toBe(1);
    const again = await store.notifications.mails.claimNext('other', now);
    expect(again).toMatchObject({ id: mailId, attempts: 2 });
    expect(await store.notifications.mails.markSent(mailId!, HOLDER, now)).toBe(false);
    expect(await store.notifications.mails.markSent(mailId!, 'other', now)).toBe(true);
    expect((await store.notifications.mails.findById(mailId!))!.status).toBe('sent');
    expect(await store.notifications.mails.prune(new Date(Date.now() + 1000).toISOString())).toBe(1);
  });

  it('fans a paper event out to who upvoted or saved the paper, once per user and event', async () => {
    store = await factory.open('notif_fanout');
    const [paperId, otherId] = await seedListed(store, [{ day: '2024-05-01' }, { day: '2024-05-01' }]);
    const [ada, bob, carol] = await users('ada', 'bob', 'carol');
    await store.votes.setVote({ userId: ada!, paperId: paperId!, up: true });
    const list = await store.collections.create({
      userId: bob!,
      name: 'Reading',
      description: '',
      isPublic: false,
      now: T,
    });
    await store.collections.addPaper(list, paperId!, T);
    // ada both upvoted and saved it: told once.
    const adas = await store.collections.create({
      userId: ada!,
      name: 'Mine',
      description: '',
      isPublic: true,
      now: T,
    });
    await store.collections.addPaper(adas, paperId!, T);
    await store.votes.setVote({ userId: carol!, paperId: otherId!, up: true });
    const event = { paperId: paperId!, arxivId: '2405.99999', title: 'T', kind: 'new_version' as const, version: 2 };
    const first = await notifyPaperEvents({ store }, [event]);
    expect(first.map((n) => n.userId).sort()).toEqual([ada, bob].sort());
    expect(first[0]).toMatchObject({ kind: 'paper_new_version', dedupeKey: 'new_version:2405.99999v2', paperId });
    // A re-harvest of the same version notifies nobody again; a withdrawal is a new event.
    expect(await notifyPaperEvents({ store }, [event])).toEqual([]);
    const withdrawn = await notifyPaperEvents({ store }, [{ ...event, kind: 'withdrawn', version: 3 }]);
    expect(withdrawn.map((n) => n.kind)).toEqual(['paper_withdrawn', 'paper_withdrawn']);
    expect(await store.notifications.unreadCount(carol!)).toBe(0);
  });

  it('counts unread notifications from the partial index of unread rows (the header reads it on every page)', async () => {
    store = await factory.open('notif_plan');
    const conn = store.connection;
    if (conn.dialect !== 'sqlite') return; // PostgreSQL's planner picks by statistics; the index is the same.
    const plan = conn.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL')
      .all(1) as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' ')).toContain('notifications_unread');
  });
});
