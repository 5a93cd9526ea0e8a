import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import { authorRows } from './authors.repository.js';
import { createChangeSequence } from './change-sequence.js';
import { paperToImportRow } from './papers.mapping.js';
import type { Store } from './store.js';

describe.each(storeFactories)('author pages on $dialect', (factory) => {
  let store: Store;
  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
  });
  afterEach(async () => {
    await store.close();
  });

  const at = (day: string) => `${day}T10:00:00.000Z`;
  const rowText = (r: { author_key: string; paper_id: number; position: number }) =>
    `${r.author_key} ${r.paper_id} ${r.position}`;
  /** Every paper_authors row as "key paper position", sorted. */
  const filedRows = async () =>
    (await store.connection.db.selectFrom('paper_authors').select(['author_key', 'paper_id', 'position']).execute())
      .map((r) => rowText({ ...r, paper_id: Number(r.paper_id) }))
      .sort();

  it('finds every paper of a name, newest first, whatever its case and accents, with the listing when listed', async () => {
    await store.papers.upsertMany([
      makePaper({ arxivId: '2401.00001', authors: [{ name: 'Paul Lévy' }], publishedAt: at('2024-01-01') }),
      makePaper({
        arxivId: '2403.00001',
        authors: [{ name: 'A. B' }, { name: 'PAUL LEVY' }],
        publishedAt: at('2024-03-01'),
      }),
      makePaper({ arxivId: '2402.00001', authors: [{ name: 'Paul Levy-Smith' }], publishedAt: at('2024-02-01') }),
      makePaper({ arxivId: '2402.00002', authors: [{ name: 'P. Lévy' }], publishedAt: at('2024-02-02') }),
    ]);
    const listed = await store.papers.findByArxivId('2401.00001');
    await store.listings.add({ paperId: listed!.id, listedOn: '2024-01-01', submittedBy: null });

    const { items, total } = await store.authors.papers({ key: 'paul-levy', limit: 10, offset: 0 });
    expect(total).toBe(2);
    expect(items.map((i) => i.paper.arxivId)).toEqual(['2403.00001', '2401.00001']);
    expect(items[0]!.listing).toBeNull();
    expect(items[1]!.listing).toMatchObject({ listedOn: '2024-01-01', upvotes: 0 });
    expect((await store.authors.circle({ key: 'paul-levy', coAuthors: 5 })).spellings).toEqual([
      'PAUL LEVY',
      'Paul Lévy',
    ]);

    const second = await store.authors.papers({ key: 'paul-levy', limit: 1, offset: 1 });
    expect(second.items.map((i) => i.paper.arxivId)).toEqual(['2401.00001']);
    expect(second.total).toBe(2);
  });

  it('moves a paper to its new authors when a new version changes them', async () => {
    const v1 = makePaper({ authors: [{ name: 'Ada Lovelace' }] });
    await store.papers.upsertMany([v1]);
    await store.papers.upsertMany([{ ...v1, version: 2, authors: [{ name: 'Grace Hopper' }] }]);
    expect((await store.authors.papers({ key: 'ada-lovelace', limit: 10, offset: 0 })).total).toBe(0);
    expect((await store.authors.papers({ key: 'grace-hopper', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('counts co-authors over shared papers, most frequent first', async () => {
    const ada = { name: 'Ada Lovelace' };
    await store.papers.upsertMany([
      makePaper({ authors: [ada, { name: 'Charles Babbage' }, { name: 'Mary Somerville' }] }),
      makePaper({ authors: [{ name: 'Charles Babbage' }, ada] }),
      makePaper({ authors: [{ name: 'Mary Somerville' }] }),
      makePaper({ authors: [ada, ada] }),
    ]);
    expect((await store.authors.circle({ key: 'ada-lovelace', coAuthors: 10 })).coAuthors).toEqual([
      { key: 'charles-babbage', name: 'Charles Babbage', papers: 2 },
      { key: 'mary-somerville', name: 'Mary Somerville', papers: 1 },
    ]);
    expect((await store.authors.papers({ key: 'ada-lovelace', limit: 10, offset: 0 })).total).toBe(3);
  });

  it('files papers stored before author pages existed, once, resuming after the last batch', async () => {
    await store.papers.upsertMany([
      makePaper({ authors: [{ name: 'Emmy Noether' }] }),
      makePaper({ authors: [{ name: 'Emmy Noether' }] }),
      makePaper({ authors: [{ name: 'Emmy Noether' }] }),
    ]);
    // Forget the author rows, as a database migrated from before 0009 has none, and restart the backfill.
    await store.connection.db.deleteFrom('paper_authors').execute();
    await store.connection.db
      .updateTable('counters')
      .set({ value: 0 })
      .where('name', '=', 'paper_authors_backfilled_to')
      .execute();
    expect((await store.authors.papers({ key: 'emmy-noether', limit: 10, offset: 0 })).total).toBe(0);

    expect(await store.papers.backfillAuthors({ batchSize: 2 })).toBe(3);
    expect((await store.authors.papers({ key: 'emmy-noether', limit: 10, offset: 0 })).total).toBe(3);
    expect(await store.papers.backfillAuthors({ batchSize: 2 })).toBe(0);
  });

  it('files on backfill exactly the rows of authorRows: a repeated name once, at its first place; no key, no row', async () => {
    const lists = [
      [{ name: 'Emmy Noether' }, { name: 'D. Hilbert' }, { name: 'EMMY NOETHER' }, { name: '---' }],
      [{ name: "Fr\\'ed\\'eric Lagouti\\`ere" }, { name: 'Frédéric Lagoutière' }, { name: 'Łukasz Ø. Straße' }],
      [],
    ];
    await store.papers.upsertMany(
      lists.map((authors, i) => makePaper({ arxivId: `2403.0000${i + 1}`, authors })),
      { deferAuthors: true },
    );
    await store.connection.db.deleteFrom('paper_authors').execute();
    await store.connection.db
      .updateTable('counters')
      .set({ value: 0 })
      .where('name', '=', 'paper_authors_backfilled_to')
      .execute();
    const pageVersion = createChangeSequence(store.connection);
    const before = await pageVersion.current();
    expect(await store.papers.backfillAuthors({ batchSize: 2 })).toBe(3);
    // The author pages changed, so the version the page cache keys on must have moved.
    expect(await pageVersion.current()).toBeGreaterThan(before);
    const ids = await store.connection.db.selectFrom('papers').select(['id', 'arxiv_id']).orderBy('id').execute();
    const expected = ids.flatMap((p, i) => authorRows(Number(p.id), lists[i]!)).map(rowText);
    expect(await filedRows()).toEqual(expected.sort());
    expect(expected).toHaveLength(4);
  });

  it('files a bulk import from the keys its rows carry, and a paper written again since from its new authors', async () => {
    const lists = [
      [{ name: 'Emmy Noether' }, { name: 'D. Hilbert' }, { name: 'EMMY NOETHER' }, { name: '---' }],
      [{ name: "Fr\\'ed\\'eric Lagouti\\`ere" }, { name: 'Łukasz Ø. Straße' }],
      [{ name: 'Ada Lovelace' }],
    ];
    const papers = lists.map((authors, i) => makePaper({ arxivId: `2404.0000${i + 1}`, authors }));
    await store.papers.upsertRows(papers.map(paperToImportRow), { deferAuthors: true });
    // The third paper gets a new version with other authors before the filing runs.
    const moved = { ...papers[2]!, version: 2, authors: [{ name: 'Grace Hopper' }] };
    await store.papers.upsertMany([moved]);
    await store.papers.backfillAuthors({ batchSize: 2 });

    const ids = await store.connection.db.selectFrom('papers').select('id').orderBy('id').execute();
    const expected = [lists[0]!, lists[1]!, moved.authors]
      .flatMap((authors, i) => authorRows(Number(ids[i]!.id), authors))
      .map(rowText);
    expect(await filedRows()).toEqual(expected.sort());
    expect(expected).toContain(`grace-hopper ${ids[2]!.id} 0`);
  });
});
