// importSnapshotIntoStore on a real SQLite store, fed the bundled demo snapshot (753 real arXiv records): author pages
// after an import equal those of the per-paper path (every paper filed in its own transaction, as before the bulk
// import deferred them), also when the import was interrupted and the store reopened; an interrupted import resumes
// from its checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../demo/load-demo.js';
import { openStore, type Store } from '../store/store.js';
import { importSnapshotIntoStore } from './import.usecases.js';
import { importSnapshot } from './snapshot/import.js';

const dir = mkdtempSync(path.join(tmpdir(), 'import-usecase-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let stores = 0;
const dbFile = () => path.join(dir, `store-${stores++}.db`);

/** Every (author key, arXiv id, position) filed, in a stable order. */
async function authorFiling(store: Store): Promise<string[]> {
  const rows = await store.connection.db
    .selectFrom('paper_authors as a')
    .innerJoin('papers as p', 'p.id', 'a.paper_id')
    .select(['a.author_key', 'p.arxiv_id', 'a.position'])
    .execute();
  return rows.map((r) => `${r.author_key} ${r.arxiv_id} ${r.position}`).sort();
}

/** The reference: the same file through the per-paper path, which files authors inside each batch. */
async function referenceFiling(): Promise<string[]> {
  const store = await openStore({ sqliteFile: dbFile() });
  try {
    await importSnapshot({ path: DEMO_FILE, upsertBatch: (papers) => store.papers.upsertMany(papers) });
    return await authorFiling(store);
  } finally {
    await store.close();
  }
}

describe('importSnapshotIntoStore', () => {
  it('files every imported paper under its authors, exactly as filing them one paper at a time does', async () => {
    const expected = await referenceFiling();
    expect(expected.length).toBeGreaterThan(3000);
    const store = await openStore({ sqliteFile: dbFile() });
    try {
      const summary = await importSnapshotIntoStore({ store, path: DEMO_FILE, batchSize: 100 });
      expect(summary).toMatchObject({ inserted: 753, aborted: false, authorsFiled: 753 });
      expect(await authorFiling(store)).toEqual(expected);
      // An author page lists the author's papers (one of the demo's most frequent names).
      const [key, arxivId] = expected[0]!.split(' ');
      const page = await store.authors.papers({ key: key!, limit: 50, offset: 0 });
      expect(page.items.map((i) => i.paper.arxivId)).toContain(arxivId);
    } finally {
      await store.close();
    }
  });

  it('an interrupted import leaves nothing unfiled: the store files the rest when it is opened again', async () => {
    const expected = await referenceFiling();
    const file = dbFile();
    const store = await openStore({ sqliteFile: file });
    const controller = new AbortController();
    const first = await importSnapshotIntoStore({
      store,
      path: DEMO_FILE,
      batchSize: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.papers >= 300) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    expect(first.authorsFiled).toBe(0);
    const stored = await store.papers.count();
    expect(stored).toBeGreaterThan(0);
    expect((await authorFiling(store)).length).toBe(0);
    await store.close();

    const reopened = await openStore({ sqliteFile: file });
    try {
      const filed = await authorFiling(reopened);
      expect(new Set(filed.map((row) => row.split(' ')[1])).size).toBe(stored);
      expect(filed.every((row) => expected.includes(row))).toBe(true);

      const resumed: number[] = [];
      const second = await importSnapshotIntoStore({
        store: reopened,
        path: DEMO_FILE,
        batchSize: 100,
        onResume: ({ lastLine }) => resumed.push(lastLine),
      });
      expect(resumed).toEqual([first.lines]);
      expect(second.resumedAfterLine).toBe(first.lines);
      expect(second.inserted + stored).toBe(753);
      expect(await authorFiling(reopened)).toEqual(expected);
      // Finished: the checkpoint is gone, so the next run reads the whole file (and changes nothing).
      const third = await importSnapshotIntoStore({ store: reopened, path: DEMO_FILE });
      expect(third).toMatchObject({ resumedAfterLine: null, unchanged: 753, inserted: 0 });
    } finally {
      await reopened.close();
    }
  });

  it('on a parse worker, stores what the per-paper path stores, and a re-import changes nothing', async () => {
    // The oracle: the same file through the main-thread parser and the per-paper upsert (authors in each batch).
    const snapshot = async (store: Store) => ({
      papers: (await store.connection.db.selectFrom('papers').selectAll().orderBy('id').execute()).map(
        ({ created_at: _c, modified_at: _m, ...row }) => row,
      ),
      authors: await authorFiling(store),
      changeSeq: await store.papers.maxChangeSeq(),
    });
    const reference = await openStore({ sqliteFile: dbFile() });
    const store = await openStore({ sqliteFile: dbFile() });
    try {
      await importSnapshot({ path: DEMO_FILE, upsertBatch: (papers) => reference.papers.upsertMany(papers) });
      const expected = await snapshot(reference);
      expect(expected.papers).toHaveLength(753);
      const first = await importSnapshotIntoStore({ store, path: DEMO_FILE, parseInWorker: true });
      expect(first).toMatchObject({ inserted: 753, malformed: 0, authorsFiled: 753 });
      expect(await snapshot(store)).toEqual(expected);
      const again = await importSnapshotIntoStore({ store, path: DEMO_FILE, parseInWorker: true });
      expect(again).toMatchObject({ unchanged: 753, inserted: 0, updated: 0, authorsFiled: 0 });
      expect(await snapshot(store)).toEqual(expected);
    } finally {
      await reference.close();
      await store.close();
    }
  }, 120_000);
});
