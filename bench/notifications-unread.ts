// npx tsx bench/notifications-unread.ts — the header's unread count, read on every signed-in page: 200 users with
// 1,000 notifications each (50 unread), SQLite in memory. Prints µs per call beside an anchor measured in the same
// run (a user read by primary key, which every signed-in page also does); asserts nothing.
import { openStore } from '../src/store/store.js';

const store = await openStore({ sqliteFile: ':memory:' });
const users: number[] = [];
for (let u = 0; u < 200; u++) users.push(await store.users.create({ username: `u${u}`, email: `u${u}@x.org` }));
const now = new Date().toISOString();
for (const userId of users) {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    userId,
    kind: 'mention' as const,
    dedupeKey: `k${i}`,
    data: { arxivId: 'x', paperTitle: 't', commentId: i, actor: 'a', excerpt: '' },
    mailState: 'off' as const,
  }));
  await store.notifications.insertMany(rows, now);
  await store.notifications.markAllRead(
    userId,
    now,
    (await store.notifications.listForUser(userId, { limit: 1 }))[0]!.id - 50,
  );
}
const time = async (label: string, f: (u: number) => Promise<unknown>) => {
  for (const u of users) await f(u);
  const t = process.hrtime.bigint();
  for (let r = 0; r < 10; r++) for (const u of users) await f(u);
  const us = Number(process.hrtime.bigint() - t) / 1e3 / (10 * users.length);
  console.log(`${label}: ${us.toFixed(1)} µs/call`);
};
console.log('200 users × 1000 notifications, 50 unread each (SQLite, in memory)');
await time('users.findById (anchor: one primary-key read)', (u) => store.users.findById(u));
await time('notifications.unreadCount', (u) => store.notifications.unreadCount(u));
console.log('unread of user 1:', await store.notifications.unreadCount(users[0]!));
await store.close();
