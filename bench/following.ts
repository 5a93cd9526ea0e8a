// npm run bench:following — the /following query on a fresh SQLite store of arXiv-shaped papers (24k a month, the
// real rate, so the 30-day window holds one month of all of arXiv), for a reader who follows 20 authors,
// 5 categories and 2 collections. Prints the query's median time beside an anchor from the same run: one naive
// category scan of the whole papers table (what a query without the window index does per category), and the
// query plan SQLite chose. Asserts nothing.
//
//   npm run bench:following -- [--papers N=100000]
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { importSnapshot } from '../src/ingest/snapshot/import.js';
import { openStore } from '../src/store/store.js';
import { generateSnapshot } from './generate-snapshot.js';

const args = process.argv.slice(2);
const papers = Number(args[args.indexOf('--papers') + 1] ?? 0) || 100_000;
const dir = path.resolve('.bench', 'following');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const snapshot = path.join(dir, 'papers.jsonl');
await generateSnapshot({ lines: papers, path: snapshot, seed: 5 });
const store = await openStore({ sqliteFile: path.join(dir, 'following.db') });
await importSnapshot({
  path: snapshot,
  upsertBatch: (batch) => store.papers.upsertMany(batch, { deferAuthors: true }),
});
await store.papers.backfillAuthors();
const sqlite = store.connection.dialect === 'sqlite' ? store.connection.sqlite : null;
if (!sqlite) throw new Error('the following benchmark runs on SQLite');

// Spread the corpus at arXiv's real rate, newest today: 24,000 papers a month, so the 30-day window holds one month
// of all of arXiv — the most a category follow can have to read.
sqlite
  .prepare(
    `UPDATE papers SET published_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (((SELECT max(id) FROM papers) - id) * 30.0 / 24000) || ' days')`,
  )
  .run();

const now = new Date().toISOString();
const reader = await store.users.create({ username: 'reader' });
const curator = await store.users.create({ username: 'curator' });
// 20 authors with several papers each, and the 5 most common categories (the worst case for the window read).
const authors = sqlite
  .prepare('SELECT author_key FROM paper_authors GROUP BY author_key HAVING count(*) >= 3 LIMIT 20')
  .pluck()
  .all() as string[];
const categories = (
  sqlite
    .prepare('SELECT primary_category FROM papers GROUP BY 1 ORDER BY count(*) DESC LIMIT 5')
    .pluck()
    .all() as string[]
).map(String);
for (const key of authors) await store.follows.add({ userId: reader, target: { kind: 'author', key }, now });
for (const key of categories) await store.follows.add({ userId: reader, target: { kind: 'category', key }, now });
const ids = sqlite.prepare('SELECT id FROM papers ORDER BY random() LIMIT 100').pluck().all() as number[];
for (const name of ['one', 'two']) {
  const c = await store.collections.create({ userId: curator, name, description: '', isPublic: true, now });
  for (const id of ids.splice(0, 50)) await store.collections.addPaper(c, id, now);
  await store.follows.add({ userId: reader, target: { kind: 'collection', key: String(c) }, now });
}

const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
const inWindow = sqlite.prepare('SELECT count(*) FROM papers WHERE published_at >= ?').pluck().get(since);
let lastSql = '';
const prepare = sqlite.prepare.bind(sqlite);
sqlite.prepare = ((text: string) => {
  if (text.includes('WITH page')) lastSql = text;
  return prepare(text);
}) as typeof sqlite.prepare;

const median = async (f: () => unknown, runs = 15) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!.toFixed(1);
};
let shown = 0;
const query = await median(async () => {
  const page = await store.follows.papers({ userId: reader, since, savedSearchHits: [], limit: 31, offset: 0 });
  shown = page.length;
});
// A reader who follows one rare category: few matches, so the newest-first read goes through the whole window.
const rare = sqlite
  .prepare(
    'SELECT primary_category FROM papers WHERE published_at >= ? GROUP BY 1 HAVING count(*) >= 1 ORDER BY count(*), 1 LIMIT 1',
  )
  .pluck()
  .get(since) as string;
const rareReader = await store.users.create({ username: 'rare' });
await store.follows.add({ userId: rareReader, target: { kind: 'category', key: rare }, now });
const rareQuery = await median(() =>
  store.follows.papers({ userId: rareReader, since, savedSearchHits: [], limit: 31, offset: 0 }),
);
const deep = await median(() =>
  store.follows.papers({ userId: reader, since, savedSearchHits: [], limit: 31, offset: 31 * 19 }),
);
const anchor = await median(() =>
  sqlite
    .prepare(
      `SELECT id FROM papers NOT INDEXED WHERE (' ' || categories || ' ') LIKE ? ORDER BY published_at DESC LIMIT 31`,
    )
    .all(`% ${categories[0]} %`),
);
const plan = sqlite
  .prepare(`EXPLAIN QUERY PLAN ${lastSql}`)
  .all(...Array.from({ length: (lastSql.match(/\?/g) ?? []).length }, (_, i) => (i === 0 ? reader : since))) as Array<{
  detail: string;
}>;

console.log(`papers ${papers.toLocaleString('en')}, in the 30-day window ${Number(inWindow).toLocaleString('en')}`);
console.log(
  `follows: ${authors.length} authors, ${categories.length} categories (${categories.join(' ')}), 2 collections`,
);
console.log(`/following page 1 (${shown} rows): median ${query} ms`);
console.log(`/following page 20 of the same reader: median ${deep} ms`);
console.log(`/following page 1 of a reader following one rare category (${rare}): median ${rareQuery} ms`);
console.log(`anchor, one category by full scan of papers: median ${anchor} ms`);
console.log('query plan (SQLite):');
for (const row of plan) console.log(`  ${row.detail}`);
await store.close();
