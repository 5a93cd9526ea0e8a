// The notification fan-outs over real stores (SQLite and PostgreSQL): paper events to watchers, new papers to the
// followers of their authors; checkpointed, idempotent under re-runs and resumable after a crash mid-batch.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { fixturePath } from '../../test/support/fixtures.js';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import { authorKey } from '../core/author-key.js';
import type { Paper } from '../core/paper.js';
import { importSnapshotIntoStore } from '../ingest/import.usecases.js';
import { parseSnapshotLine } from '../ingest/snapshot/parse.js';
import { declareJobs } from '../jobs/definitions.js';
import { openStore, type Store } from '../store/store.js';
import {
  FOLLOWED_AUTHORS_CHECKPOINT,
  fanOutFollowedAuthorPapers,
  fanOutPaperEvents,
  skipFollowedAuthorPapersSoFar,
} from './fan-out.usecases.js';

const NOW = new Date('2024-01-10T00:00:00.000Z');
const T = '2024-01-05T00:00:00.000Z';

function nextVersion(paper: Paper, changes: Partial<Paper> = {}): Paper {
  const version = paper.version + 1;
  const date = `2024-01-0${version + 2}T00:00:00.000Z`;
  return { ...paper, version, updatedAt: date, versions: [...paper.versions, { version, date }], ...changes };
}

describe.each(storeFactories)('notification fan-outs on $dialect', (factory) => {
  let store: Store;
  let ada: number;
  let bob: number;
  let carol: number;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    const ids = await Promise.all(
      ['ada', 'bob', 'carol'].map((username) => store.users.create({ username, email: `${username}@example.org` })),
    );
    [ada, bob, carol] = ids as [number, number, number];
  });
  afterEach(async () => {
    await store.close();
  });

  const kindsOf = async (userId: number) =>
    (await store.notifications.listForUser(userId, { limit: 50 })).map((n) => `${n.kind}:${n.dedupeKey}`);
  const idOf = async (arxivId: string) => (await store.papers.findByArxivId(arxivId))!.id;

  it('tells who upvoted or saved a paper about its new version and its withdrawal, once each, however often it runs', async () => {
    const v1 = makePaper({ arxivId: '2401.00001', title: 'Old title' });
    const other = makePaper({ arxivId: '2401.00002' });
    await store.papers.upsertMany([v1, other]);
    const id = await idOf(v1.arxivId);
    // Upvotes are on the daily list's entries.
    await store.listings.add({ paperId: id, listedOn: '2024-01-02', submittedBy: null });
    await store.listings.add({ paperId: await idOf(other.arxivId), listedOn: '2024-01-02', submittedBy: null });
    await store.votes.setVote({ userId: ada, paperId: id, up: true });
    const list = await store.collections.create({
      userId: bob,
      name: 'Reading',
      description: '',
      isPublic: false,
      now: T,
    });
    await store.collections.addPaper(list, id, T);
    await store.votes.setVote({ userId: carol, paperId: await idOf(other.arxivId), up: true });

    // Nothing happened yet: the first run finds no events.
    expect(await fanOutPaperEvents({ store, now: NOW })).toEqual({ events: 0, notified: 0 });

    const v2 = nextVersion(v1, { title: 'New title' });
    await store.papers.upsertMany([v2]);
    expect(await fanOutPaperEvents({ store, now: NOW })).toEqual({ events: 1, notified: 2 });
    expect(await kindsOf(ada)).toEqual(['paper_new_version:new_version:2401.00001v2']);
    expect(await kindsOf(bob)).toEqual(['paper_new_version:new_version:2401.00001v2']);
    expect(await kindsOf(carol)).toEqual([]);
    const [notice] = await store.notifications.listForUser(ada, { limit: 1 });
    expect(notice!.data).toMatchObject({ arxivId: '2401.00001', paperTitle: 'New title', version: 2 });

    // Re-harvesting the same version records no event; re-running the job notifies nobody again.
    await store.papers.upsertMany([v2]);
    expect(await fanOutPaperEvents({ store, now: NOW })).toEqual({ events: 0, notified: 0 });

    // A crash after recording but before the checkpoint moved: the replay records nothing twice.
    await store.checkpoints.delete('notify:paper-events');
    expect(await fanOutPaperEvents({ store, now: NOW })).toEqual({ events: 1, notified: 0 });

    await store.papers.markWithdrawn([v1.arxivId]);
    expect(await fanOutPaperEvents({ store, now: NOW })).toMatchObject({ events: 1, notified: 2 });
    expect(await kindsOf(ada)).toEqual([
      'paper_withdrawn:withdrawn:2401.00001v2',
      'paper_new_version:new_version:2401.00001v2',
    ]);
    expect(await store.notifications.unreadCount(ada)).toBe(2);
  });

  it('batches a run’s new papers by followed authors into one notification per reader, idempotent and resumable', async () => {
    // A library with papers before the fan-out existed: its first run notifies nothing about them.
    await store.papers.upsertMany([makePaper({ authors: [{ name: 'Ada Lovelace' }], publishedAt: T })]);
    await store.follows.add({ userId: ada, target: { kind: 'author', key: 'ada-lovelace' }, now: T });
    await store.follows.add({ userId: bob, target: { kind: 'author', key: 'alan-turing' }, now: T });
    expect(await fanOutFollowedAuthorPapers({ store, now: NOW })).toEqual({ papers: 0, matched: 0, notified: 0 });
    expect(await kindsOf(ada)).toEqual([]);

    const byAda = makePaper({ arxivId: '2401.00011', authors: [{ name: 'Ada Lovelace' }], publishedAt: T });
    const byBoth = makePaper({
      arxivId: '2401.00012',
      authors: [{ name: 'Ada  LOVELACE' }, { name: 'Alan Turing' }],
      publishedAt: T,
    });
    const byNobody = makePaper({ arxivId: '2401.00013', authors: [{ name: 'Grace Hopper' }], publishedAt: T });
    // An old paper harvested late is not news, followed author or not; a withdrawn one neither.
    const old = makePaper({
      arxivId: '2301.00014',
      authors: [{ name: 'Ada Lovelace' }],
      publishedAt: '2023-01-01T00:00:00.000Z',
    });
    const gone = makePaper({
      arxivId: '2401.00015',
      authors: [{ name: 'Ada Lovelace' }],
      publishedAt: T,
      withdrawn: true,
    });
    await store.papers.upsertMany([byAda, byBoth, byNobody, old, gone]);
    // A new version of an already stored paper is no new paper.
    const first = (await store.papers.insertedAfter(0, 1))[0]!;
    await store.papers.upsertMany([nextVersion(first)]);

    expect(await fanOutFollowedAuthorPapers({ store, now: NOW })).toEqual({ papers: 3, matched: 2, notified: 2 });
    const [adaNotice] = await store.notifications.listForUser(ada, { limit: 5 });
    expect(adaNotice).toMatchObject({ kind: 'followed_author_paper' });
    expect((adaNotice!.data as { papers: Array<{ arxivId: string }> }).papers.map((p) => p.arxivId)).toEqual([
      '2401.00011',
      '2401.00012',
    ]);
    const bobs = await store.notifications.listForUser(bob, { limit: 5 });
    expect(bobs).toHaveLength(1);
    expect((bobs[0]!.data as { papers: Array<{ arxivId: string }> }).papers.map((p) => p.arxivId)).toEqual([
      '2401.00012',
    ]);
    expect(await kindsOf(carol)).toEqual([]);

    // Re-harvesting the same papers (updates, no inserts) and re-running: nothing new.
    await store.papers.upsertMany([byAda, byBoth]);
    expect(await fanOutFollowedAuthorPapers({ store, now: NOW })).toEqual({ papers: 0, matched: 0, notified: 0 });

    // A crash after the batch was planned and recorded, before the checkpoint moved on: the resumed run records the
    // same batch under the same key (nothing twice), then goes on with what came since.
    const cp = (await store.checkpoints.get<{ afterId: number }>(FOLLOWED_AUTHORS_CHECKPOINT))!;
    const before = await store.papers.insertedAfter(0, 100);
    const firstNewId = before.find((p) => p.arxivId === '2401.00011')!.id;
    await store.checkpoints.set(FOLLOWED_AUTHORS_CHECKPOINT, {
      afterId: firstNewId - 1,
      pending: { afterId: firstNewId - 1, throughId: cp.afterId },
    });
    const later = makePaper({ arxivId: '2401.00016', authors: [{ name: 'Ada Lovelace' }], publishedAt: T });
    await store.papers.upsertMany([later]);
    expect(await fanOutFollowedAuthorPapers({ store, now: NOW })).toMatchObject({ matched: 3, notified: 1 });
    const adas = await store.notifications.listForUser(ada, { limit: 5 });
    expect(adas).toHaveLength(2);
    expect((adas[0]!.data as { papers: Array<{ arxivId: string }> }).papers.map((p) => p.arxivId)).toEqual([
      '2401.00016',
    ]);
    expect(await store.notifications.listForUser(bob, { limit: 5 })).toHaveLength(1);
  });
});

describe('the snapshot import and followed authors', () => {
  it('notifies nobody of the papers an import stores, even by a followed author and recent', async () => {
    const line = readFileSync(fixturePath('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.length > 0)!;
    const paper = parseSnapshotLine({ line, lineNumber: 1 });
    const store = await openStore({ sqliteFile: ':memory:' });
    const reader = await store.users.create({ username: 'ada', email: 'ada@example.org' });
    await store.follows.add({
      userId: reader,
      target: { kind: 'author', key: authorKey(paper.authors[0]!.name) },
      now: T,
    });
    // The fan-out ran before (its checkpoint exists), then the snapshot is imported.
    await skipFollowedAuthorPapersSoFar(store);
    await importSnapshotIntoStore({
      store,
      path: fixturePath('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl'),
      resumable: false,
    });
    const justAfter = new Date(Date.parse(paper.publishedAt) + 86_400_000);
    expect(await fanOutFollowedAuthorPapers({ store, now: justAfter })).toEqual({ papers: 0, matched: 0, notified: 0 });
    // Whereas the same paper harvested after the import is news to its author's follower.
    await store.papers.upsertMany([{ ...paper, arxivId: '2401.99999' }]);
    expect(await fanOutFollowedAuthorPapers({ store, now: justAfter })).toMatchObject({ matched: 1, notified: 1 });
    await store.close();
  }, 120_000);
});

describe('the notifications-fan-out job', () => {
  it('runs both fan-outs on its own schedule and says what it did', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const { app, services } = await buildTestApp({ store });
    try {
      const job = declareJobs(services).find((j) => j.name === 'notifications-fan-out')!;
      expect(job.schedule).toBe('*/15 * * * *');
      const run = () => job.run({ signal: new AbortController().signal, logger: services.logger });
      // The first run starts after what is stored.
      await store.papers.upsertMany([
        makePaper({ authors: [{ name: 'Ada Lovelace' }], publishedAt: new Date().toISOString() }),
      ]);
      expect(await run()).toEqual({
        changed: false,
        message: 'notifications: 0 paper events (0 notified), 0 new papers (0 by followed authors, 0 notified)',
      });
      const ada = await store.users.create({ username: 'ada', email: 'ada@example.org' });
      await store.follows.add({ userId: ada, target: { kind: 'author', key: 'ada-lovelace' }, now: T });
      // A paper stored by a harvest from a shell (`dailypapers fetch`), outside the scheduler's harvest job.
      await store.papers.upsertMany([
        makePaper({
          arxivId: '2401.77777',
          authors: [{ name: 'Ada Lovelace' }],
          publishedAt: new Date().toISOString(),
        }),
      ]);
      expect(await run()).toEqual({
        changed: true,
        message: 'notifications: 0 paper events (0 notified), 1 new paper (1 by followed authors, 1 notified)',
      });
      expect(await store.notifications.unreadCount(ada)).toBe(1);
      expect((await run()).changed).toBe(false);
    } finally {
      await app.close();
      await store.close();
    }
  }, 120_000);
});
