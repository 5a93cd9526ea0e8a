// npm run bench:digest — builds one day's digests for 100,000 subscribers on a fresh SQLite store through the real
// builder (top papers, category filters, saved searches through the search index, personal recommendations for
// one subscriber in ten, sent-paper bookkeeping), then renders a sample of the mails. Sending is excluded.
// Prints figures; asserts nothing. The target is building in ≤ 60 s on 2 cores.
//
//   npm run bench:digest -- [--subscribers N] [--keep]
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '../src/core/dates.js';
import { buildDigests } from '../src/digest/digest-build.usecases.js';
import { createDigestComposer } from '../src/digest/digest-mail.js';
import { buildFeatureSpace, vectorize } from '../src/digest/recommend/features.js';
import { encodeWeights, trainLogistic } from '../src/digest/recommend/linear-model.js';
import { loadRecCorpus } from '../src/digest/recommend/train.usecases.js';
import { importSnapshot } from '../src/ingest/snapshot/import.js';
import { storeChangeFeed } from '../src/papers/search.usecases.js';
import { openSearchIndex, syncSearchIndex } from '../src/search/index.js';
import { openStore } from '../src/store/store.js';
import { generateSnapshot } from './generate-snapshot.js';

const args = process.argv.slice(2);
const subscribers = Number(args[args.indexOf('--subscribers') + 1] ?? 0) || 100_000;
const dir = path.resolve('.bench', 'digest');
const DAY = '2024-05-01';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

// Papers: 3,000 arXiv-shaped records, 300 listed on the day (a busy day) and 2,700 over the 60 days before.
const snapshot = path.join(dir, 'papers.jsonl');
await generateSnapshot({ lines: 3000, path: snapshot, seed: 3 });
const store = await openStore({ sqliteFile: path.join(dir, 'digest.db') });
await importSnapshot({ path: snapshot, upsertBatch: (papers) => store.papers.upsertMany(papers) });
const sqlite = store.connection.dialect === 'sqlite' ? store.connection.sqlite : null;
if (!sqlite) throw new Error('the digest benchmark runs on SQLite');
const paperIds = (sqlite.prepare('SELECT id FROM papers ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
const listing = sqlite.prepare(
  'INSERT INTO listings (paper_id, listed_on, upvotes, hotness, created_at) VALUES (?, ?, ?, 0, ?)',
);
sqlite.transaction(() => {
  paperIds.forEach((id, i) => {
    const day = i < 300 ? DAY : addDays(DAY, -1 - (i % 60));
    listing.run(id, day, Math.floor(200 * random() ** 3), `${day}T12:00:00.000Z`);
  });
})();
const search = openSearchIndex({ path: path.join(dir, 'search.db') });
await syncSearchIndex({ index: search, fetchChanges: storeChangeFeed(store) });

// Subscribers: a third filter by category, one in five has a saved search, one in ten is an account with a model.
const t0 = performance.now();
const categories = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'math.OC', 'quant-ph'];
const queries = [
  'neural network',
  'language model',
  'graph',
  'quantum',
  'reinforcement learning',
  'diffusion',
  'optimization',
  'transformer',
];
const titles = sqlite.prepare('SELECT id, title, abstract FROM papers').all() as Array<{
  id: number;
  title: string;
  abstract: string;
}>;
const space = buildFeatureSpace(titles);
const models = Array.from({ length: 20 }, (_, m) =>
  trainLogistic({
    examples: titles
      .slice(m * 100, m * 100 + 100)
      .map((p, i) => ({ x: vectorize(space, p), y: i < 20 ? (1 as const) : (0 as const) })),
  }),
);
const now = '2024-04-01T00:00:00.000Z';
const user = sqlite.prepare("INSERT INTO users (username, email, role, created_at) VALUES (?, ?, 'user', ?)");
const model = sqlite.prepare(
  'INSERT INTO rec_models (user_id, weights, bias, positives, trained_through, trained_at) VALUES (?, ?, ?, 30, ?, ?)',
);
const sub = sqlite.prepare(
  `INSERT INTO subscriptions (email, user_id, status, period, max_papers, include_categories, exclude_categories, for_you, send_hour, timezone, created_at, confirmed_at, updated_at)
   VALUES (?, ?, 'confirmed', 'daily', ?, ?, ?, 1, 7, 'UTC', ?, ?, ?)`,
);
const saved = sqlite.prepare('INSERT INTO saved_searches (subscription_id, query, created_at) VALUES (?, ?, ?)');
const encoded = models.map((m) => ({ weights: encodeWeights(m.weights), bias: m.bias }));
sqlite.transaction(() => {
  for (let i = 0; i < subscribers; i++) {
    let userId: number | null = null;
    if (i % 10 === 0) {
      userId = Number(user.run(`reader${i}`, `reader${i}@example.org`, now).lastInsertRowid);
      const m = encoded[i % encoded.length]!;
      model.run(userId, m.weights, m.bias, now, now);
    }
    const include = random() < 0.33 ? pick(categories) : '';
    const exclude = random() < 0.1 ? pick(categories) : '';
    const id = Number(
      sub.run(`reader${i}@example.org`, userId, 5 + Math.floor(random() * 11), include, exclude, now, now, now)
        .lastInsertRowid,
    );
    if (i % 5 === 0) saved.run(id, pick(queries), now);
  }
})();
console.log(`setup: ${paperIds.length} papers, ${subscribers.toLocaleString('en')} subscribers in ${seconds(t0)} s`);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const t1 = performance.now();
const summary = await buildDigests({
  store,
  search,
  kind: 'daily',
  day: DAY,
  now: new Date('2024-05-02T07:00:00Z'),
  settleHours: 6,
  recCorpus: () => loadRecCorpus({ store, today: DAY }),
});
const buildSeconds = (performance.now() - t1) / 1000;
clearInterval(sampler);
const sentRows = (sqlite.prepare('SELECT count(*) AS n FROM digest_sent_papers').get() as { n: number }).n;
console.log(
  `build: ${summary.built.toLocaleString('en')} digests (${summary.empty} empty) in ${buildSeconds.toFixed(1)} s = ` +
    `${Math.round(summary.built / buildSeconds).toLocaleString('en')} subscribers/s; ${sentRows.toLocaleString('en')} sent-paper rows; ` +
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (target: ≤ 60 s for 100,000)`,
);

// Rendering happens when sending; measured on a sample so the figure stays comparable.
const sample = Math.min(10_000, summary.built);
const rows = sqlite
  .prepare(
    'SELECT o.id, o.subscription_id, o.content_json, s.email FROM digest_outbox o JOIN subscriptions s ON s.id = o.subscription_id LIMIT ?',
  )
  .all(sample) as Array<{
  id: number;
  subscription_id: number;
  content_json: string;
  email: string;
}>;
const composer = createDigestComposer({ store, secret: 'bench'.repeat(8), origin: 'https://papers.example' });
const t2 = performance.now();
let bytes = 0;
for (const r of rows) {
  const mail = await composer.compose({
    outboxId: r.id,
    subscription: { id: r.subscription_id, email: r.email },
    periodKey: `daily:${DAY}`,
    content: JSON.parse(r.content_json),
  });
  bytes += (mail.html?.length ?? 0) + mail.text.length;
}
const renderMs = (performance.now() - t2) / rows.length;
console.log(
  `render: ${rows.length.toLocaleString('en')} mails at ${renderMs.toFixed(3)} ms each (≈ ${((renderMs * subscribers) / 1000).toFixed(0)} s for all), ${Math.round(bytes / rows.length / 1024)} KiB per mail`,
);

search.close();
await store.close();
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
