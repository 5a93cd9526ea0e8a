// The version a cached page is stored under (web/plugins/page-cache.ts): the store's change sequence, for paper
// pages the search index's position too (their similar papers come from the index), and the UTC day (the only
// clock these pages read). Reading the change sequence on every request was 8 % of the busy time of a cached `/`
// (and on PostgreSQL it is a round trip), so a read is reused for up to `maxAgeMs`: a write by another process
// shows within that bound. A write by this process shows on its very next request: a read is not reused when it
// began less than COMMIT_WINDOW_MS after this process's last write statement (store/local-writes.ts; a commit
// follows its last statement well within that), nor after invalidate(), which the server calls once a
// state-changing request has been handled (its transaction committed, however long it took).
import { todayUtc } from '../core/dates.js';
import type { ChangeSequence } from '../store/change-sequence.js';

export interface PageVersionDeps {
  changes: Pick<ChangeSequence, 'current' | 'lastLocalWrite'>;
  /** How far this process's search index has followed the store. */
  indexSeq(): number;
  /** How long a read of the change sequence is reused; 0 reads it for every request. */
  maxAgeMs: number;
  /** performance.now(), replaceable in tests. */
  now?: () => number;
}

export interface PageVersion {
  /**
   * The version for a page that reads the store (and the search index when `withIndex`). A value when a recent
   * read can be reused — the page cache's hit path stays synchronous — else a promise of it.
   */
  current(opts: { withIndex: boolean }): string | Promise<string>;
  /** Forget the last read: this process has just written (a state-changing request is answered). */
  invalidate(): void;
}

/** How long after a write statement of this process its commit may still be on the way. */
export const COMMIT_WINDOW_MS = 20;

interface Read {
  startedAt: number;
  versions?: { store: string; withIndex: string };
  pending?: Promise<{ store: string; withIndex: string }>;
}

export function createPageVersion(deps: PageVersionDeps): PageVersion {
  const now = deps.now ?? (() => performance.now());
  let last: Read | null = null;
  const reusable = (read: Read | null, t: number): read is Read =>
    read !== null &&
    t - read.startedAt < deps.maxAgeMs &&
    read.startedAt - deps.changes.lastLocalWrite() >= COMMIT_WINDOW_MS;
  const pick = (v: { store: string; withIndex: string }, withIndex: boolean) => (withIndex ? v.withIndex : v.store);

  return {
    invalidate() {
      last = null;
    },
    current({ withIndex }) {
      const t = now();
      if (reusable(last, t)) {
        if (last.versions) return pick(last.versions, withIndex);
        if (last.pending) return last.pending.then((v) => pick(v, withIndex));
      }
      // Index position and day before the store's number: neither may be newer than the data read after it.
      const read: Read = { startedAt: t };
      const index = deps.indexSeq();
      const day = todayUtc();
      const settle = (seq: number) => {
        const versions = { store: `${seq}.${day}`, withIndex: `${seq}.${index}.${day}` };
        read.versions = versions;
        read.pending = undefined;
        return versions;
      };
      read.pending = deps.changes.current().then(settle, (error: unknown) => {
        if (last === read) last = null;
        throw error;
      });
      last = read;
      return read.pending.then((v) => pick(v, withIndex));
    },
  };
}
