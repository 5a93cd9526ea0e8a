import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Paper } from '../core/paper.js';
import type { Store } from './store.js';

// Version watch in the store (migration 0015): the paper upsert keeps superseded texts and records events; both
// dialects must agree, and re-running the same writes must change nothing.
function nextVersion(paper: Paper, changes: Partial<Paper> = {}): Paper {
  const version = paper.version + 1;
  const date = `2024-0${version}-01T00:00:00.000Z`;
  return { ...paper, version, updatedAt: date, versions: [...paper.versions, { version, date }], ...changes };
}

describe.each(storeFactories)('version watch on $dialect', (factory) => {
  let store: Store;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  const idOf = async (arxivId: string) => (await store.papers.findByArxivId(arxivId))!.id;

  it('a first write records no event and keeps no old text', async () => {
    const v1 = makePaper();
    await store.papers.upsertMany([v1]);
    expect(await store.paperEvents.listAfter(0, 100)).toEqual([]);
    expect(await store.paperVersions.texts(await idOf(v1.arxivId))).toEqual([]);
  });

  it('a higher version records one event and keeps the text it replaces; the same write again records nothing', async () => {
    const v1 = makePaper({ title: 'Old title', abstract: 'Old abstract.' });
    const v2 = nextVersion(v1, { title: 'New title', abstract: 'New abstract.' });
    await store.papers.upsertMany([v1]);
    await store.papers.upsertMany([v2]);
    const id = await idOf(v1.arxivId);
    const events = await store.paperEvents.listAfter(0, 100);
    expect(events).toEqual([
      {
        seq: expect.any(Number),
        paperId: id,
        arxivId: v1.arxivId,
        kind: 'new_version',
        version: 2,
        detectedAt: expect.any(String),
      },
    ]);
    // The event's seq is the change_seq of the write that brought v2.
    expect(events[0]!.seq).toBe((await store.papers.findByArxivId(v1.arxivId))!.changeSeq);
    expect(await store.paperVersions.texts(id)).toEqual([
      { version: 1, title: 'Old title', abstract: 'Old abstract.' },
    ]);

    expect(await store.papers.upsertMany([v2])).toMatchObject({ unchanged: 1 });
    expect(await store.papers.upsertMany([v1])).toMatchObject({ unchanged: 1 });
    expect(await store.paperEvents.listAfter(0, 100)).toHaveLength(1);
    expect(await store.paperVersions.texts(id)).toHaveLength(1);
  });

  it('a correction of the same version is no event and keeps no text', async () => {
    const v1 = makePaper({ title: 'Typo titel' });
    await store.papers.upsertMany([v1]);
    expect(await store.papers.upsertMany([{ ...v1, title: 'Typo title' }])).toMatchObject({ updated: 1 });
    expect(await store.paperEvents.listAfter(0, 100)).toEqual([]);
    expect(await store.paperVersions.texts(await idOf(v1.arxivId))).toEqual([]);
  });

  it('a withdrawing version is one withdrawal event, not a new version too; a later version is a new version again', async () => {
    const v1 = makePaper();
    const v2 = nextVersion(v1, { withdrawn: true, abstract: 'This paper has been withdrawn.' });
    const v3 = nextVersion(v2, { withdrawn: false, abstract: 'Resubmitted.' });
    await store.papers.upsertMany([v1]);
    await store.papers.upsertMany([v2]);
    await store.papers.upsertMany([v3]);
    expect((await store.paperEvents.listAfter(0, 100)).map((e) => [e.kind, e.version])).toEqual([
      ['withdrawn', 2],
      ['new_version', 3],
    ]);
    expect((await store.paperVersions.texts(await idOf(v1.arxivId))).map((t) => t.version)).toEqual([1, 2]);
  });

  it('an OAI deletion (markWithdrawn) is a withdrawal event at the stored version, once', async () => {
    const v1 = makePaper();
    await store.papers.upsertMany([v1]);
    expect(await store.papers.markWithdrawn([v1.arxivId])).toBe(1);
    expect(await store.papers.markWithdrawn([v1.arxivId])).toBe(0);
    expect((await store.paperEvents.listAfter(0, 100)).map((e) => [e.kind, e.version])).toEqual([['withdrawn', 1]]);
  });

  it('lists events after a sequence number, oldest first, a page at a time', async () => {
    const papers = [makePaper(), makePaper(), makePaper()];
    await store.papers.upsertMany(papers);
    for (const p of papers) await store.papers.upsertMany([nextVersion(p)]);
    const all = await store.paperEvents.listAfter(0, 100);
    expect(all.map((e) => e.arxivId)).toEqual(papers.map((p) => p.arxivId));
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    const firstPage = await store.paperEvents.listAfter(0, 2);
    expect(firstPage).toEqual(all.slice(0, 2));
    expect(await store.paperEvents.listAfter(firstPage.at(-1)!.seq, 2)).toEqual(all.slice(2));
    expect(await store.paperEvents.forPaper(all[1]!.paperId)).toEqual([all[1]]);
  });

  it('without recordEvents (the snapshot import) a higher version keeps the old text but records no event', async () => {
    const v1 = makePaper({ title: 'Imported first' });
    await store.papers.upsertMany([v1], { deferAuthors: true, recordEvents: false });
    await store.papers.upsertMany([nextVersion(v1, { title: 'Imported later' })], { recordEvents: false });
    expect(await store.paperEvents.listAfter(0, 100)).toEqual([]);
    expect((await store.paperVersions.texts(await idOf(v1.arxivId))).map((t) => t.title)).toEqual(['Imported first']);
  });

  it('a skipped version keeps the text it saw under its own number', async () => {
    const v1 = makePaper({ title: 'Seen at v1' });
    await store.papers.upsertMany([v1]);
    await store.papers.upsertMany([nextVersion(nextVersion(v1), { title: 'Seen at v3' })]);
    expect((await store.paperEvents.listAfter(0, 100)).map((e) => e.version)).toEqual([3]);
    expect((await store.paperVersions.texts(await idOf(v1.arxivId))).map((t) => [t.version, t.title])).toEqual([
      [1, 'Seen at v1'],
    ]);
  });

  it('keeping an old text bumps the page version, so a cached paper page is re-rendered', async () => {
    const v1 = makePaper();
    await store.papers.upsertMany([v1]);
    const before = await store.changes.current();
    await store.papers.upsertMany([nextVersion(v1)]);
    // The paper write alone adds one; the paper_versions trigger adds at least one more.
    expect(await store.changes.current()).toBeGreaterThanOrEqual(before + 2);
  });
});
