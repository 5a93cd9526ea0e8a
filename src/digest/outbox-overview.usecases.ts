// The operator's /admin/outbox: how many digests are in each state, how many subscribers, and which mails failed
// for good or are backing off (with their recipients), newest first.
import type { Store } from '../store/store.js';

const LISTED = 200;

export async function outboxOverview(opts: { store: Store }) {
  const { store } = opts;
  const [counts, subscribers, failed, retrying] = await Promise.all([
    store.digestOutbox.countByStatus(),
    store.subscriptions.countByStatus(),
    store.digestOutbox.listWithEmail({ status: 'failed', limit: LISTED }),
    store.digestOutbox.listWithEmail({ status: 'pending', limit: LISTED, withError: true }),
  ]);
  return { counts, subscribers, failed, retrying };
}
