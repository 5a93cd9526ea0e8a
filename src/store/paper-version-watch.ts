// What a paper write means for version watch (docs/ingest.md "Versions"): whether the text it replaces is an older
// version's (to keep in paper_versions) and which event, if any, it is. One decision for both dialects' upserts.
import type { PaperEventKind } from '../papers/versions.models.js';
import type { Executor } from './sql-helpers.js';

export interface WatchedState {
  version: number;
  withdrawn: boolean;
}

export interface VersionWatch {
  /** The stored text belongs to a version this write supersedes: copy it to paper_versions first. */
  keepOldText: boolean;
  event: { kind: PaperEventKind; version: number } | null;
}

/**
 * A withdrawal is itself a new version on arXiv (the replacing version carries the notice); it is reported once, as
 * the withdrawal, not as a new version too. A version after a withdrawal is a new version again.
 */
export function watchVersion(existing: WatchedState, incoming: WatchedState): VersionWatch {
  const higher = incoming.version > existing.version;
  if (incoming.withdrawn && !existing.withdrawn) {
    return { keepOldText: higher, event: { kind: 'withdrawn', version: incoming.version } };
  }
  return { keepOldText: higher, event: higher ? { kind: 'new_version', version: incoming.version } : null };
}

/**
 * PostgreSQL: before the batch's upsert overwrites the rows, copy the texts that higher versions replace and record
 * the events (each with the change_seq its paper write gets). SQLite does the same per row in papers.repository.ts.
 */
export async function watchVersionsPostgres(
  trx: Executor,
  opts: {
    rows: ReadonlyArray<{ arxiv_id: string; version: number; withdrawn: boolean | number; change_seq: number }>;
    byId: ReadonlyMap<string, { id: number | string; version: number; withdrawn: boolean | number }>;
    now: string;
    recordEvents: boolean;
  },
): Promise<void> {
  const keep: number[] = [];
  const events: Array<{ seq: number; paper_id: number; kind: PaperEventKind; version: number; detected_at: string }> =
    [];
  for (const row of opts.rows) {
    const existing = opts.byId.get(row.arxiv_id);
    if (!existing) continue;
    const watch = watchVersion(
      { version: existing.version, withdrawn: Boolean(existing.withdrawn) },
      { version: row.version, withdrawn: Boolean(row.withdrawn) },
    );
    if (watch.keepOldText) keep.push(Number(existing.id));
    if (watch.event && opts.recordEvents)
      events.push({ seq: row.change_seq, paper_id: Number(existing.id), ...watch.event, detected_at: opts.now });
  }
  for (let i = 0; i < keep.length; i += 1000) {
    await trx
      .insertInto('paper_versions')
      .columns(['paper_id', 'version', 'title', 'abstract', 'recorded_at'])
      .expression((eb) =>
        eb
          .selectFrom('papers')
          .select(['id', 'version', 'title', 'abstract', eb.val(opts.now).as('recorded_at')])
          .where('id', 'in', keep.slice(i, i + 1000)),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // 5 parameters a row; 1,000 rows stay well under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < events.length; i += 1000) {
    await trx
      .insertInto('paper_events')
      .values(events.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
