// The page version reuses a read of the store's change sequence for a bounded time, and never across a write by
// this process. "Another process" is a second store on the same database (its own connection and write clock);
// the count of change-sequence reads shows the reuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import { seedListed } from '../../test/support/seed.js';
import { openStore, type Store } from '../store/store.js';
import { COMMIT_WINDOW_MS, createPageVersion } from './page-version.usecases.js';

const dialects = [
  {
    dialect: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'page-version-'));
      const file = path.join(dir, 'dailypapers.db');
      const first = await openStore({ sqliteFile: file });
      return { first, second: await openStore({ sqliteFile: file }), cleanup: () => rmSync(dir, { recursive: true }) };
    },
  },
  {
    dialect: 'postgres',
    open: async () => {
      const databaseUrl = await createTestDatabase(inject('postgresUrl'), 'page_version');
      const first = await openStore({ databaseUrl });
      return { first, second: await openStore({ databaseUrl }), cleanup: () => {} };
    },
  },
] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dialects)('the page version on $dialect', ({ open }) => {
  let stores: { first: Store; second: Store; cleanup: () => void } | undefined;
  afterEach(async () => {
    await stores?.first.close();
    await stores?.second.close();
    stores?.cleanup();
    stores = undefined;
  });

  function versionOf(store: Store, maxAgeMs: number, indexSeq = () => 7) {
    let reads = 0;
    const version = createPageVersion({
      changes: {
        current: () => {
          reads++;
          return store.changes.current();
        },
        lastLocalWrite: store.changes.lastLocalWrite,
      },
      indexSeq,
      maxAgeMs,
    });
    return { version, reads: () => reads };
  }

  it('reads the change sequence once for many requests within the bound, and names the index only where asked', async () => {
    stores = await open();
    const { version, reads } = versionOf(stores.first, 600_000);
    await sleep(COMMIT_WINDOW_MS + 5); // past the migrations' writes on open: those are this process's too
    const first = await version.current({ withIndex: false });
    for (let i = 0; i < 100; i++) {
      expect(version.current({ withIndex: false })).toBe(first);
      expect(version.current({ withIndex: true })).toMatch(/\.7\./);
    }
    expect(reads()).toBe(1);
    version.invalidate();
    await version.current({ withIndex: false });
    expect(reads()).toBe(2);
    expect(first).toBe(`${await stores.first.changes.current()}.${new Date().toISOString().slice(0, 10)}`);
  });

  it("shows this process's writes on the next read, whatever the bound: repository writes and the paper upsert", async () => {
    stores = await open();
    const store = stores.first;
    const [paperId] = await seedListed(store, [{ day: '2024-05-01' }]);
    const userId = await store.users.create({ username: 'pv-local' });
    const { version } = versionOf(store, 600_000);
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['vote', () => store.votes.setVote({ userId, paperId: paperId!, up: true })],
      [
        'comment',
        () =>
          store.comments.create({
            paperId: paperId!,
            userId,
            parentId: null,
            body: 'x',
            createdAt: new Date().toISOString(),
          }),
      ],
      ['paper upsert', () => store.papers.upsertMany([makePaper()])],
    ];
    for (const [what, write] of writes) {
      const before = await version.current({ withIndex: false });
      await write();
      const after = await version.current({ withIndex: false });
      expect(after, what).not.toBe(before);
      expect(after, what).toBe(`${await store.changes.current()}.${new Date().toISOString().slice(0, 10)}`);
    }
  });

  it("shows another process's write within the bound", { timeout: 60_000 }, async () => {
    stores = await open();
    const { first, second } = stores;
    const [paperId] = await seedListed(second, [{ day: '2024-05-01' }]);
    const userId = await second.users.create({ username: 'pv-other' });
    const maxAgeMs = 200;
    const { version, reads } = versionOf(first, maxAgeMs);
    const before = await version.current({ withIndex: false });
    await second.votes.setVote({ userId, paperId: paperId!, up: true });
    await sleep(maxAgeMs + 20);
    const after = await version.current({ withIndex: false });
    expect(after).not.toBe(before);
    expect(after).toBe(`${await second.changes.current()}.${new Date().toISOString().slice(0, 10)}`);
    expect(reads()).toBe(2);
  });

  it('reads the index position with the version, so a moved index makes a new version after the bound', async () => {
    stores = await open();
    let seq = 1;
    const { version } = versionOf(stores.first, 50, () => seq);
    const before = await version.current({ withIndex: true });
    seq = 2;
    await sleep(70);
    const after = await version.current({ withIndex: true });
    expect(after).not.toBe(before);
    expect(await version.current({ withIndex: false })).toBe(before.replace('.1.', '.'));
  });
});
