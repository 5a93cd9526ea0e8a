// The anchor of `npm run bench:import`: the same snapshot file into the same `papers` table (a freshly migrated
// store: same schema, indexes and pragmas) with nothing of ours in between — the same line splitter, JSON.parse,
// the record's own strings as column values, one prepared INSERT, the same 10,000 rows per transaction as ours.
// What this reaches is the ceiling of "read the file and insert its rows" on one thread of this machine; our
// import's rate is reported as a fraction of it, from the same run.
//
// Two anchors: `papers` inserts the papers rows alone (what our import has stored when its first phase ends);
// `all` inserts, in the same transactions, every row our import writes in all — each paper's row and its
// paper_authors rows (author key, paper id, position: the rows behind the author pages, into the same table with
// its primary key and its paper_id index), one prepared INSERT OR IGNORE per author row, as a plain insert would.
// Its author key is a cheap ASCII fold (lower case, runs of other characters to "-"), not core/author-key.ts: the
// same rows for the generated snapshot's names, without our TeX/Unicode folding work.
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LineSplitter } from '../src/ingest/snapshot/lines.js';
import { openStore } from '../src/store/store.js';

interface RawRecord {
  id: string;
  title?: string;
  abstract?: string;
  authors?: string;
  categories?: string;
  comments?: string | null;
  'journal-ref'?: string | null;
  doi?: string | null;
  license?: string | null;
  update_date?: string;
  versions?: Array<{ version: string; created: string }>;
  authors_parsed?: string[][];
}

const cheapKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export async function bareInsert(opts: {
  snapshot: string;
  dbFile: string;
  batchSize?: number;
  /** Insert the paper_authors rows too (the `all` anchor). */
  withAuthors?: boolean;
}) {
  const store = await openStore({ sqliteFile: opts.dbFile });
  const s = (store.connection as { sqlite: import('better-sqlite3').Database }).sqlite;
  const insert = s.prepare(
    `INSERT INTO papers (arxiv_id, version, title, abstract, authors_json, primary_category, categories, comments,
       journal_ref, doi, license, published_at, updated_at, versions_json, withdrawn, links_json, code_url,
       project_url, content_hash, change_seq, created_at, modified_at)
     VALUES (${Array(22).fill('?').join(', ')})`,
  );
  const insertAuthor = s.prepare(
    'INSERT OR IGNORE INTO paper_authors (author_key, paper_id, position) VALUES (?, ?, ?)',
  );
  let authorRows = 0;
  const bump = s.prepare("UPDATE counters SET value = value + ? WHERE name = 'paper_change_seq' RETURNING value");
  const now = new Date().toISOString();
  let seq = 0;
  const write = s.transaction((rows: RawRecord[]) => {
    bump.get(rows.length);
    for (const r of rows) {
      const versions = r.versions ?? [];
      const categories = r.categories ?? '';
      const { lastInsertRowid } = insert.run([
        r.id,
        versions.length || 1,
        r.title ?? '',
        r.abstract ?? '',
        JSON.stringify(r.authors ?? ''),
        categories.split(' ')[0] ?? '',
        categories,
        r.comments ?? null,
        r['journal-ref'] ?? null,
        r.doi ?? null,
        r.license ?? null,
        versions[0]?.created ?? now,
        r.update_date ?? now,
        JSON.stringify(versions),
        0,
        '[]',
        null,
        null,
        r.id, // no content hash: the anchor does none of our work
        ++seq,
        now,
        now,
      ]);
      if (!opts.withAuthors) continue;
      const parsed = r.authors_parsed ?? [];
      for (let position = 0; position < parsed.length; position++) {
        const [last = '', first = ''] = parsed[position]!;
        const key = cheapKey(`${first} ${last}`);
        if (key) authorRows += insertAuthor.run(key, lastInsertRowid, position).changes;
      }
    }
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const splitter = new LineSplitter(16 * 1024 * 1024);
  const batchSize = opts.batchSize ?? 10_000;
  let batch: RawRecord[] = [];
  let papers = 0;
  for await (const chunk of createReadStream(opts.snapshot, { highWaterMark: 1 << 20 })) {
    for (const line of splitter.push(chunk as Buffer)) {
      if (typeof line === 'symbol' || line.length === 0) continue;
      batch.push(JSON.parse(line.toString('utf8')) as RawRecord);
      if (batch.length >= batchSize) {
        write(batch);
        papers += batch.length;
        batch = [];
      }
    }
  }
  if (batch.length > 0) write(batch);
  papers += batch.length;
  const durationMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  await store.close();
  return { papers, authorRows, durationMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Run as its own process by bench/import.ts (so the anchor's heap is not counted in our import's RSS):
// `tsx bench/import-anchor.ts SNAPSHOT DBFILE papers|all` prints the result as one JSON line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [snapshot, dbFile, kind] = process.argv.slice(2);
  const result = await bareInsert({ snapshot: snapshot!, dbFile: dbFile!, withAuthors: kind === 'all' });
  process.send?.(result);
  console.log(JSON.stringify(result));
}
