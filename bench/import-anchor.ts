// The anchor of `npm run bench:import`: the same snapshot file into the same `papers` table (a freshly migrated
// store: same schema, indexes and pragmas) with nothing of ours in between — the same line splitter, JSON.parse,
// the record's own strings as column values, one prepared INSERT, the same 10,000 rows per transaction as ours.
// What this reaches is the ceiling of "read the file and insert its rows" on one thread of this machine; our
// import's rate is reported as a fraction of it, from the same run.
import { createReadStream } from 'node:fs';
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
}

export async function bareInsert(opts: { snapshot: string; dbFile: string; batchSize?: number }) {
  const store = await openStore({ sqliteFile: opts.dbFile });
  const s = (store.connection as { sqlite: import('better-sqlite3').Database }).sqlite;
  const insert = s.prepare(
    `INSERT INTO papers (arxiv_id, version, title, abstract, authors_json, primary_category, categories, comments,
       journal_ref, doi, license, published_at, updated_at, versions_json, withdrawn, links_json, code_url,
       project_url, content_hash, change_seq, created_at, modified_at)
     VALUES (${Array(22).fill('?').join(', ')})`,
  );
  const bump = s.prepare("UPDATE counters SET value = value + ? WHERE name = 'paper_change_seq' RETURNING value");
  const now = new Date().toISOString();
  let seq = 0;
  const write = s.transaction((rows: RawRecord[]) => {
    bump.get(rows.length);
    for (const r of rows) {
      const versions = r.versions ?? [];
      const categories = r.categories ?? '';
      insert.run([
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
  return { papers, durationMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
