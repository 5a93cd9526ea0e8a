import type { BuiltDigest } from '../digest/digest.models.js';
import type { Connection, PostgresConnection, SqliteConnection } from './database.js';

// Building digests for 100,000 subscribers writes 100,000 outbox rows and about a million sent-paper rows; on
// SQLite, prepared statements inside one synchronous transaction per page are what keeps that within seconds.

const paperIdsOf = (d: BuiltDigest) => [
  ...d.content.top,
  ...d.content.searches.flatMap((s) => s.paperIds),
  ...d.content.forYou,
];

/** Writes digests whose (subscriber, period) has no row yet, with their sent papers; returns how many were new. */
export async function insertBuiltDigests(conn: Connection, digests: BuiltDigest[], now: string): Promise<number> {
  if (digests.length === 0) return 0;
  return conn.dialect === 'sqlite' ? insertSqlite(conn, digests, now) : insertPostgres(conn, digests, now);
}

const sqliteStatements = new WeakMap<object, (digests: BuiltDigest[], now: string) => number>();

function insertSqlite(conn: SqliteConnection, digests: BuiltDigest[], now: string): number {
  let run = sqliteStatements.get(conn.sqlite);
  if (!run) {
    const s = conn.sqlite;
    const outbox = s.prepare(
      `INSERT INTO digest_outbox (subscription_id, period_key, status, content_json, attempts, next_attempt_at, last_error, created_at)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (subscription_id, period_key) DO NOTHING RETURNING id`,
    );
    const sent = s.prepare(
      'INSERT INTO digest_sent_papers (subscription_id, paper_id, outbox_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    run = s.transaction((batch: BuiltDigest[], at: string) => {
      let inserted = 0;
      for (const d of batch) {
        const row = outbox.get(
          d.subscriptionId,
          d.periodKey,
          d.status,
          JSON.stringify(d.content),
          at,
          d.note ?? null,
          at,
        ) as { id: number } | undefined;
        if (!row) continue;
        inserted++;
        for (const paperId of paperIdsOf(d)) sent.run(d.subscriptionId, paperId, row.id);
      }
      return inserted;
    });
    sqliteStatements.set(conn.sqlite, run);
  }
  return run(digests, now);
}

async function insertPostgres(conn: PostgresConnection, digests: BuiltDigest[], now: string): Promise<number> {
  return conn.db.transaction().execute(async (trx) => {
    let inserted = 0;
    // 7 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535-parameter limit.
    for (let i = 0; i < digests.length; i += 1000) {
      const chunk = digests.slice(i, i + 1000);
      const rows = await trx
        .insertInto('digest_outbox')
        .values(
          chunk.map((d) => ({
            subscription_id: d.subscriptionId,
            period_key: d.periodKey,
            status: d.status,
            content_json: JSON.stringify(d.content),
            attempts: 0,
            next_attempt_at: now,
            last_error: d.note ?? null,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['subscription_id', 'period_key']).doNothing())
        .returning(['id', 'subscription_id', 'period_key'])
        .execute();
      inserted += rows.length;
      const byKey = new Map(chunk.map((d) => [`${d.subscriptionId} ${d.periodKey}`, d]));
      const sent = rows.flatMap((r) =>
        paperIdsOf(byKey.get(`${r.subscription_id} ${r.period_key}`)!).map((paperId) => ({
          subscription_id: Number(r.subscription_id),
          paper_id: paperId,
          outbox_id: Number(r.id),
        })),
      );
      for (let j = 0; j < sent.length; j += 10_000) {
        await trx
          .insertInto('digest_sent_papers')
          .values(sent.slice(j, j + 10_000))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    return inserted;
  });
}
