import { sql } from 'kysely';
import type { Paper } from '../core/paper.js';
import type { StoredPaper } from '../papers/papers.models.js';
import { authorRows, writeAuthorRows } from './authors.repository.js';
import type { Connection } from './database.js';
import { BACKFILL_COUNTER, backfillAuthorsSqlite, SQLITE_AUTHOR_FILING_STEP } from './paper-authors.backfill.js';
import { watchVersion, watchVersionsPostgres } from './paper-version-watch.js';
import {
  classifyUpsert,
  type PaperImportRow,
  type PaperRow,
  type PaperWriteRow,
  paperToRow,
  rowToPaper,
  type UpsertSummary,
} from './papers.mapping.js';
import { pendingAuthorKeysWriter } from './pending-author-keys.js';

const COLUMNS = [
  'arxiv_id',
  'version',
  'title',
  'abstract',
  'authors_json',
  'primary_category',
  'categories',
  'comments',
  'journal_ref',
  'doi',
  'license',
  'published_at',
  'updated_at',
  'versions_json',
  'withdrawn',
  'links_json',
  'code_url',
  'project_url',
  'content_hash',
] as const;

export interface UpsertOptions {
  /** Leave new papers' `paper_authors` rows to `backfillAuthors`. */
  deferAuthors?: boolean;
  /**
   * Record a `paper_events` row when a stored paper gets a higher version or is withdrawn (the default). The
   * snapshot import says no: a catch-up from a months-old file is not news (docs/ingest.md "Versions").
   * Superseded texts are kept in `paper_versions` either way.
   */
  recordEvents?: boolean;
  /** The papers' rows (paperToRow), when the caller computed them already — the snapshot import's parse worker. */
  rows?: readonly PaperWriteRow[];
}

export function createPapersRepository(conn: Connection) {
  const { db } = conn;
  const upsertRows = conn.dialect === 'sqlite' ? sqliteUpsert(conn) : postgresUpsert(conn);
  const upsertMany = (papers: Paper[], opts: UpsertOptions = {}): Promise<UpsertSummary> =>
    upsertRows(opts.rows ?? papers.map(paperToRow), opts);

  return {
    /**
     * Inserts new papers and updates changed ones in one transaction; each written row gets a new change_seq.
     * `deferAuthors` (bulk import): new papers are filed under their authors later, by `backfillAuthors`, instead
     * of in this transaction — the transaction records where the backfill must start, so a crash before it runs is
     * repaired at the next start-up. Filing each paper's author rows inside the batches halved the import's rate.
     */
    upsertMany,

    /**
     * upsertMany of the papers' store rows alone (paperToImportRow): the snapshot import's parse worker computes them.
     * With `deferAuthors`, the keys a row carries are what the filing uses for it (pending-author-keys.ts).
     */
    upsertRows: (rows: readonly PaperImportRow[], opts: Omit<UpsertOptions, 'rows'> = {}) => upsertRows(rows, opts),

    async findByArxivId(arxivId: string): Promise<StoredPaper | null> {
      const row = await db.selectFrom('papers').selectAll().where('arxiv_id', '=', arxivId).executeTakeFirst();
      return row ? rowToPaper(row as PaperRow) : null;
    },

    async findByIds(ids: number[]): Promise<StoredPaper[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('papers').selectAll().where('id', 'in', ids).execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },

    /**
     * Papers first stored after the one with id `afterId`, in id order (ids only grow, so these are the inserts
     * since): what the followed-author fan-out reads after its checkpoint.
     */
    async insertedAfter(afterId: number, limit: number): Promise<StoredPaper[]> {
      const rows = await db
        .selectFrom('papers')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },

    /** The highest paper id stored (0 when none): where a fan-out that must not look back starts. */
    async maxId(): Promise<number> {
      const row = await db
        .selectFrom('papers')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      return Number(row?.max ?? 0);
    },

    /** Papers changed after `afterSeq`, in change order: the feed a search index follows. */
    async changedSince(afterSeq: number, limit: number): Promise<StoredPaper[]> {
      const rows = await db
        .selectFrom('papers')
        .selectAll()
        .where('change_seq', '>', afterSeq)
        .orderBy('change_seq')
        .limit(limit)
        .execute();
      return rows.map((r) => rowToPaper(r as PaperRow));
    },

    /**
     * Marks papers withdrawn (an OAI "deleted" record). Papers this library never stored are ignored: there is
     * nothing to show for them. Returns how many papers changed.
     */
    async markWithdrawn(arxivIds: string[]): Promise<number> {
      if (arxivIds.length === 0) return 0;
      const rows = await db.selectFrom('papers').selectAll().where('arxiv_id', 'in', arxivIds).execute();
      const changed = rows.map((r) => rowToPaper(r as PaperRow)).filter((p) => !p.withdrawn);
      if (changed.length === 0) return 0;
      const summary = await upsertMany(changed.map((p) => ({ ...p, withdrawn: true })));
      return summary.updated;
    },

    /**
     * Files the papers stored before author pages existed (see migration 0011), and those a bulk import stored with
     * `deferAuthors`, under their author keys, a batch per transaction, resuming after the last paper id done.
     * Returns how many papers it filed; 0 once complete.
     */
    async backfillAuthors({ batchSize }: { batchSize?: number } = {}): Promise<number> {
      if (conn.dialect === 'sqlite')
        return backfillAuthorsSqlite(conn, { batchSize: batchSize ?? SQLITE_AUTHOR_FILING_STEP });
      batchSize ??= 2000; // PostgreSQL's steps read the author lists into JavaScript
      let filed = 0;
      for (;;) {
        const batch = await db.transaction().execute(async (trx) => {
          const counter = await trx
            .selectFrom('counters')
            .select('value')
            .where('name', '=', BACKFILL_COUNTER)
            .executeTakeFirst();
          const after = Number(counter?.value ?? -1);
          if (after < 0) return 0;
          const rows = await trx
            .selectFrom('papers')
            .select(['id', 'authors_json'])
            .where('id', '>', after)
            .orderBy('id')
            .limit(batchSize)
            .execute();
          await writeAuthorRows(
            trx,
            rows.map((r) => ({ id: Number(r.id), authors: JSON.parse(r.authors_json) })),
          );
          // Cached author pages change with the rows filed (see paper-authors.backfill.ts).
          if (rows.length > 0)
            await trx
              .updateTable('counters')
              .set({ value: sql`value + 1` })
              .where('name', '=', 'page_change_seq')
              .execute();
          const next = rows.length === batchSize ? Number(rows.at(-1)!.id) : -1;
          await trx.updateTable('counters').set({ value: next }).where('name', '=', BACKFILL_COUNTER).execute();
          return rows.length === 0 ? -1 : rows.length;
        });
        if (batch <= 0) return filed;
        filed += batch;
      }
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('papers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async maxChangeSeq(): Promise<number> {
      const row = await db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'paper_change_seq')
        .executeTakeFirst();
      return Number(row?.value ?? 0);
    },
  };
}

export type PapersRepository = ReturnType<typeof createPapersRepository>;

interface ExistingRow {
  id: number;
  version: number;
  content_hash: string;
  withdrawn: number | boolean;
}

type StoredRow = ExistingRow & { arxiv_id: string };

function dedupeLatest<Row extends PaperWriteRow>(rows: readonly Row[]): Row[] {
  const byId = new Map<string, Row>();
  for (const row of rows) {
    const prev = byId.get(row.arxiv_id);
    if (!prev || row.version >= prev.version) byId.set(row.arxiv_id, row);
  }
  return [...byId.values()];
}

// The SQLite path uses prepared statements directly: bulk import must reach tens of thousands of papers/s,
// and statement reuse inside one synchronous transaction is what makes that possible. Positional parameters
// and one row array per paper avoid building parameter objects in the hot loop. The stored rows of the batch (id,
// version, hash, withdrawn) are read set-wise, one statement for the whole batch (the ids as one JSON array), instead
// of a SELECT per row: on a first import none is found, and a paper costs one statement, its INSERT. Change sequence
// numbers are handed out in row order to the rows written, and the counter is set once at the end of the
// transaction.
function sqliteUpsert(conn: Extract<Connection, { dialect: 'sqlite' }>) {
  const s = conn.sqlite;
  const selectStored = s.prepare(
    `SELECT arxiv_id, id, version, content_hash, withdrawn FROM papers
     WHERE arxiv_id IN (SELECT value FROM json_each(?))`,
  );
  // Version watch: the text a higher version replaces is copied before the update; the event shares its change_seq.
  const keepOldText = s.prepare(
    `INSERT OR IGNORE INTO paper_versions (paper_id, version, title, abstract, recorded_at)
     SELECT id, version, title, abstract, ? FROM papers WHERE id = ?`,
  );
  const insertEvent = s.prepare(
    'INSERT OR IGNORE INTO paper_events (seq, paper_id, kind, version, detected_at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteAuthors = s.prepare('DELETE FROM paper_authors WHERE paper_id = ?');
  const insertAuthor = s.prepare(
    'INSERT OR IGNORE INTO paper_authors (author_key, paper_id, position) VALUES (?, ?, ?)',
  );
  // A new paper has no author rows to delete; skipping the DELETE matters on bulk imports.
  const writeAuthors = (paperId: number, row: PaperWriteRow, isNew: boolean) => {
    if (!isNew) deleteAuthors.run(paperId);
    for (const a of authorRows(paperId, JSON.parse(row.authors_json)))
      insertAuthor.run(a.author_key, a.paper_id, a.position);
  };
  const pendingKeys = pendingAuthorKeysWriter(s);
  const readSeq = s.prepare("SELECT value FROM counters WHERE name = 'paper_change_seq'").pluck();
  const setSeq = s.prepare("UPDATE counters SET value = ? WHERE name = 'paper_change_seq'");
  // Papers after this id are still to be filed under their authors (backfillAuthors); it only ever moves back.
  const markAuthorsPending = s.prepare(
    `UPDATE counters SET value = ? WHERE name = '${BACKFILL_COUNTER}' AND (value < 0 OR value > ?)`,
  );
  const insert = s.prepare(
    `INSERT INTO papers (${COLUMNS.join(', ')}, change_seq, created_at, modified_at)
     VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
  );
  const updated = COLUMNS.filter((c) => c !== 'arxiv_id');
  const update = s.prepare(
    `UPDATE papers SET ${updated.map((c) => `${c} = ?`).join(', ')}, change_seq = ?, modified_at = ? WHERE arxiv_id = ?`,
  );
  const values = (row: PaperWriteRow, columns: readonly (keyof PaperWriteRow)[]) =>
    columns.map((c) => (c === 'withdrawn' ? (row.withdrawn ? 1 : 0) : row[c]));
  const run = s.transaction((rows: PaperImportRow[], opts: UpsertOptions): UpsertSummary => {
    const deferAuthors = opts.deferAuthors ?? false;
    const summary = { inserted: 0, updated: 0, unchanged: 0 };
    const startSeq = Number(readSeq.get());
    let seq = startSeq;
    const now = new Date().toISOString();
    let firstDeferred = 0;
    const stored = new Map<string, ExistingRow>();
    for (const e of selectStored.all(JSON.stringify(rows.map((r) => r.arxiv_id))) as StoredRow[])
      stored.set(e.arxiv_id, e);
    for (const row of rows) {
      const existing = stored.get(row.arxiv_id);
      if (existing === undefined) {
        const params = values(row, COLUMNS);
        params.push(++seq, now, now);
        const paperId = Number(insert.run(params).lastInsertRowid);
        if (!deferAuthors) writeAuthors(paperId, row, true);
        else {
          if (firstDeferred === 0) firstDeferred = paperId;
          if (row.authorKeysJson !== undefined) pendingKeys.add(paperId, seq, row.authorKeysJson);
        }
        summary.inserted++;
        continue;
      }
      if (classifyUpsert(row, existing) === 'unchanged') {
        summary.unchanged++;
        continue;
      }
      const watch = watchVersion(
        { version: existing.version, withdrawn: Boolean(existing.withdrawn) },
        { version: row.version, withdrawn: Boolean(row.withdrawn) },
      );
      if (watch.keepOldText) keepOldText.run(now, existing.id);
      update.run([...values(row, updated), ++seq, now, row.arxiv_id]);
      if (watch.event && (opts.recordEvents ?? true))
        insertEvent.run(seq, existing.id, watch.event.kind, watch.event.version, now);
      writeAuthors(existing.id, row, false);
      summary.updated++;
    }
    if (seq !== startSeq) setSeq.run(seq);
    if (firstDeferred > 0) markAuthorsPending.run(firstDeferred - 1, firstDeferred - 1);
    return summary;
  });
  return async (rows: readonly PaperImportRow[], opts: UpsertOptions = {}): Promise<UpsertSummary> => {
    if (opts.deferAuthors) pendingKeys.prepare();
    const summary = run(dedupeLatest(rows), opts);
    if (summary.inserted + summary.updated > 0) conn.writes.note();
    return summary;
  };
}

// PostgreSQL files author rows in the batch's own multi-row statements, which costs little: `deferAuthors` is ignored.
function postgresUpsert(conn: Extract<Connection, { dialect: 'postgres' }>) {
  return async (given: readonly PaperImportRow[], opts: UpsertOptions = {}): Promise<UpsertSummary> => {
    const rows = dedupeLatest(given);
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    return conn.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('papers')
        .select(['id', 'arxiv_id', 'version', 'content_hash', 'withdrawn'])
        .where(
          'arxiv_id',
          'in',
          rows.map((r) => r.arxiv_id),
        )
        .forUpdate()
        .execute();
      const byId = new Map(existing.map((e) => [e.arxiv_id, e]));
      const summary = { inserted: 0, updated: 0, unchanged: 0 };
      const writes = rows.filter((row) => {
        const action = classifyUpsert(row, byId.get(row.arxiv_id));
        summary[action === 'insert' ? 'inserted' : action === 'update' ? 'updated' : 'unchanged']++;
        return action !== 'unchanged';
      });
      if (writes.length === 0) return summary;
      const { value } = await trx
        .updateTable('counters')
        .set({ value: sql`value + ${writes.length}` })
        .where('name', '=', 'paper_change_seq')
        .returning('value')
        .executeTakeFirstOrThrow();
      let seq = Number(value) - writes.length;
      const now = new Date().toISOString();
      // The author keys an import row carries are not a column; PostgreSQL files authors in this transaction.
      const stamped = writes.map(({ authorKeysJson: _, ...row }) => ({
        ...row,
        change_seq: ++seq,
        created_at: now,
        modified_at: now,
      }));
      await watchVersionsPostgres(trx, { rows: stamped, byId, now, recordEvents: opts.recordEvents ?? true });
      // 23 parameters a row; 1,000 rows stay well under PostgreSQL's 65,535-parameter limit.
      for (let i = 0; i < writes.length; i += 1000) {
        const chunk = stamped.slice(i, i + 1000);
        await trx
          .insertInto('papers')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('arxiv_id').doUpdateSet((eb) => ({
              ...Object.fromEntries(COLUMNS.filter((c) => c !== 'arxiv_id').map((c) => [c, eb.ref(`excluded.${c}`)])),
              change_seq: eb.ref('excluded.change_seq'),
              modified_at: eb.ref('excluded.modified_at'),
            })),
          )
          .returning(['id', 'authors_json'])
          .execute()
          .then((written) =>
            writeAuthorRows(
              trx,
              written.map((w) => ({ id: Number(w.id), authors: JSON.parse(w.authors_json) })),
            ),
          );
      }
      return summary;
    });
  };
}
