// The snapshot import and version watch (docs/ingest.md "Versions"): an import records no events — neither the first
// import into an empty library (inserts are never events) nor one that brings newer versions of stored papers (a
// catch-up from an old file is not news) — but it keeps the texts those newer versions replace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/support/fixtures.js';
import { openStore } from '../store/store.js';
import { importSnapshotIntoStore } from './import.usecases.js';
import { parseSnapshotLine } from './snapshot/parse.js';

const SAMPLE = 'arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl';

describe('the snapshot import and version watch', () => {
  it('records no events, first import or not, and keeps the texts newer versions replace', async () => {
    const papers = readFileSync(fixturePath(SAMPLE), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((line, i) => parseSnapshotLine({ line, lineNumber: i + 1 }));
    const revised = papers.filter((p) => p.version >= 2).slice(0, 5);
    expect(revised).toHaveLength(5);

    const fresh = await openStore({ sqliteFile: ':memory:' });
    await importSnapshotIntoStore({ store: fresh, path: fixturePath(SAMPLE), resumable: false });
    expect(await fresh.papers.count()).toBe(papers.length);
    expect(await fresh.paperEvents.listAfter(0, 1000)).toEqual([]);
    await fresh.close();

    // A library that saw these five papers at v1 (as a harvest would have), then imports the snapshot.
    const store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany(
      revised.map((p) => ({ ...p, version: 1, versions: p.versions.slice(0, 1), title: `v1 of ${p.arxivId}` })),
    );
    const summary = await importSnapshotIntoStore({ store, path: fixturePath(SAMPLE), resumable: false });
    expect(summary).toMatchObject({ updated: 5 });
    expect(await store.paperEvents.listAfter(0, 1000)).toEqual([]);
    for (const p of revised) {
      const stored = (await store.papers.findByArxivId(p.arxivId))!;
      expect(stored.version).toBe(p.version);
      expect(await store.paperVersions.texts(stored.id)).toEqual([
        { version: 1, title: `v1 of ${p.arxivId}`, abstract: p.abstract },
      ]);
    }
    await store.close();
  }, 120_000);
});
