// Kysely's SQLite driver prepares every query's SQL again (better-sqlite3's `prepare` compiles it each time): on a
// signed-in daily page that was 14 % of the request's time, more than running the queries. The database handed to
// Kysely keeps the prepared statements of the most recently used SQL texts instead. Sound because Kysely runs one
// query at a time on its one connection (its driver's mutex), so a statement is never in use twice at once, and
// SQLite re-prepares a kept statement by itself after a schema change.
import type { Database as BetterSqlite } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** SQL texts kept prepared; queries with `in (…)` lists of many lengths make a long tail that drops out first. */
const KEPT = 512;

export function withStatementCache(sqlite: BetterSqlite, kept = KEPT): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last: the Map's first key is the one to drop.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= kept) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
