import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { authorRows } from './authors.repository.js';
import { paperToImportRow } from './papers.mapping.js';
import { openStore, type Store } from './store.js';

describe('the author keys a bulk import carries (SQLite)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('are taken as given while the paper is as stored, and the names folded once it is not', async () => {
    // Keys no fold would give show which path filed a row.
    const papers = [makePaper({ arxivId: '2405.00001' }), makePaper({ arxivId: '2405.00002' })];
    const rows = papers.map((p) => ({ ...paperToImportRow(p), authorKeysJson: JSON.stringify(['carried-key']) }));
    await store.papers.upsertRows(rows, { deferAuthors: true });
    await store.papers.upsertMany([{ ...papers[1]!, title: 'A changed title' }]);
    expect(await store.papers.backfillAuthors({ batchSize: 10 })).toBe(2);

    const filed = await store.connection.db
      .selectFrom('paper_authors')
      .innerJoin('papers', 'papers.id', 'paper_authors.paper_id')
      .select(['arxiv_id', 'author_key'])
      .orderBy('position')
      .execute();
    const keysOf = (arxivId: string) => filed.filter((r) => r.arxiv_id === arxivId).map((r) => r.author_key);
    expect(keysOf('2405.00001')).toEqual(['carried-key']);
    expect(keysOf('2405.00002')).toEqual(authorRows(0, papers[1]!.authors).map((r) => r.author_key));
  });
});
