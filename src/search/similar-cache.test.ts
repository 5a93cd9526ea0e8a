import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/support/fixtures.js';
import { createSyntheticCorpus, loadKaggleSamples } from './eval/synthetic.js';
import type { SearchDocument } from './search.models.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';

// The corpus is generated from the Kaggle sample in test/fixtures (CC0), so the test stands alone.
const KAGGLE = fixturePath('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl');
const textOf = (d: SearchDocument) => `${d.title}\n${d.abstract}`;
/** What a paper page asks (src/papers/search.usecases.ts similarPapers). */
const pageAsk = (index: SearchIndex, d: SearchDocument, limit = 6) =>
  index.similar({ text: textOf(d), paperId: d.paperId, excludePaperId: d.paperId, limit });

describe('precomputed similar papers', () => {
  let corpus: SearchDocument[];
  const open: Array<{ dispose: () => void }> = [];
  beforeAll(() => {
    corpus = [...createSyntheticCorpus({ samples: loadKaggleSamples(KAGGLE), seed: 13 })(1500)];
  });
  afterEach(() => {
    for (const t of open.splice(0)) t.dispose();
  });

  /** An index of `docs` in its own file that has never answered a similar-papers question. */
  const indexOf = (docs: readonly SearchDocument[]) => {
    const t = tempIndex();
    open.push(t);
    for (let i = 0; i < docs.length; i += 300) t.index.upsert(docs.slice(i, i + 300));
    return t;
  };
  /** The oracle: the same ranking computed from scratch in an index that never kept a list. */
  const freshList = (docs: readonly SearchDocument[], d: SearchDocument, limit = 6) => {
    const oracle = indexOf(docs).index;
    return oracle.moreLikeThis(textOf(d), { limit: 100, excludePaperId: d.paperId }).slice(0, limit);
  };

  it('a kept list equals the ranking computed fresh, for the page (6) and the API (50)', () => {
    const t = indexOf(corpus);
    const asked = [corpus[0]!, corpus[700]!, corpus[1499]!];
    for (const d of asked) {
      const first = pageAsk(t.index, d);
      expect(first).toHaveLength(6);
      expect(first).toEqual(freshList(corpus, d));
      expect(pageAsk(t.index, d)).toEqual(first);
      expect(pageAsk(t.index, d, 50)).toEqual(freshList(corpus, d, 50));
    }
  });

  it('is read from the index file until some indexed text changes, then computed again', () => {
    const t = indexOf(corpus);
    const d = corpus[42]!;
    const before = pageAsk(t.index, d);
    // Mark the kept list behind the index's back: a page that reads it shows the mark.
    const db = new Database(t.file);
    db.prepare('UPDATE similar_papers SET score = -1 WHERE paper_id = ? AND rank = 0').run(d.paperId);
    expect(pageAsk(t.index, d)[0]!.score).toBe(-1);
    // Votes and listing changes rewrite the paper's row but not its text: the list stays.
    t.index.upsert([{ ...corpus[5]!, upvotes: 99, changeSeq: 2000 }]);
    expect(pageAsk(t.index, d)[0]!.score).toBe(-1);
    // A new paper whose text is the example's own enters its neighbourhood: the list is ranked again, with it first.
    const twin = makeDoc({ paperId: 5000, title: d.title, abstract: d.abstract, changeSeq: 2001 });
    t.index.upsert([twin]);
    const after = pageAsk(t.index, d);
    expect(after[0]!.paperId).toBe(5000);
    expect(after).not.toEqual(before);
    expect(after).toEqual(freshList([...corpus, twin], d));
    db.close();
  });

  it('after the text of a neighbour changes or leaves, the list equals the fresh ranking again', () => {
    const t = indexOf(corpus);
    const d = corpus[300]!;
    const [best, second] = pageAsk(t.index, d);
    const nowOffTopic = { ...corpus[best!.paperId - 1]!, abstract: 'Cooking pasta al dente.', changeSeq: 3000 };
    const withdrawn = { ...corpus[second!.paperId - 1]!, withdrawn: true, changeSeq: 3001 };
    t.index.upsert([nowOffTopic, withdrawn]);
    const after = pageAsk(t.index, d);
    const now = corpus.map((c) => (c.paperId === nowOffTopic.paperId ? nowOffTopic : c));
    expect(after).toEqual(
      freshList(
        now.filter((c) => c.paperId !== withdrawn.paperId),
        d,
      ),
    );
    expect(after.map((h) => h.paperId)).not.toContain(withdrawn.paperId);
  });

  it('the follower refreshes the stale lists people asked for, once, when the store is quiet', async () => {
    const t = indexOf(corpus);
    const asked = [corpus[1]!, corpus[2]!, corpus[3]!];
    for (const d of asked) pageAsk(t.index, d);
    expect(await t.index.refreshSimilar()).toEqual({ refreshed: 0, dropped: 0 });
    const newcomer = { ...corpus[10]!, paperId: 6000, arxivId: 'new.1', changeSeq: 4000 };
    t.index.upsert([newcomer]);
    expect(await t.index.refreshSimilar()).toMatchObject({ refreshed: 3 });
    expect(await t.index.refreshSimilar()).toMatchObject({ refreshed: 0 });
    // The refreshed lists are served as kept lists (marked, they show the mark) and equal the fresh ranking.
    const db = new Database(t.file);
    const mark = db.prepare('UPDATE similar_papers SET score = -1 WHERE paper_id = ? AND rank = 0');
    for (const d of asked) {
      mark.run(d.paperId);
      const served = pageAsk(t.index, d);
      expect(served[0]!.score).toBe(-1);
      expect(served.slice(1)).toEqual(freshList([...corpus, newcomer], d).slice(1));
    }
    db.close();
  });

  it('a paper the index does not hold yet gets its list computed but not kept', () => {
    const t = indexOf(corpus.slice(0, 200));
    const late = corpus[900]!;
    expect(pageAsk(t.index, late)).toEqual(freshList(corpus.slice(0, 200), late));
    const db = new Database(t.file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM similar_lists').pluck().get()).toBe(0);
    db.close();
  });

  it('with embeddings, a new vector makes the list stale, and the kept list equals the fused ranking computed fresh', () => {
    const dir = tempIndex();
    open.push(dir);
    dir.index.close();
    const index = openSearchIndex({ path: dir.file, vectors: { model: 'toy' } });
    const docs = corpus.slice(0, 300);
    index.upsert(docs);
    // A deterministic unit vector per paper (a 16-dim hash of its id): what matters is that vectors take part.
    const vectorOf = (id: number) => {
      const v = Float32Array.from({ length: 16 }, (_, i) => Math.sin(id * 12.9898 + i * 78.233));
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const pending = index.pendingEmbeddings({ model: 'toy', afterPaperId: 0, limit: 1000 });
    index.putVectors({
      model: 'toy',
      items: pending.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: vectorOf(p.paperId) })),
    });
    const d = docs[20]!;
    // Naming the model explicitly is not a paper page's question: it is ranked afresh every time (the oracle).
    const fresh = () =>
      index.similar({ text: textOf(d), paperId: d.paperId, excludePaperId: d.paperId, limit: 6, model: 'toy' });
    expect(pageAsk(index, d)).toEqual(fresh());
    const db = new Database(dir.file);
    const mark = db.prepare('UPDATE similar_papers SET score = -1 WHERE paper_id = ? AND rank = 0');
    mark.run(d.paperId);
    expect(pageAsk(index, d)[0]!.score).toBe(-1);
    // Paper 250 gets the example's own vector (its nearest neighbour now): the vector state moved, the list is ranked again.
    const other = pending.find((p) => p.paperId === 250)!;
    index.putVectors({
      model: 'toy',
      items: [{ paperId: 250, textHash: other.textHash, vector: vectorOf(d.paperId) }],
    });
    const after = pageAsk(index, d);
    expect(after[0]!.score).not.toBe(-1);
    expect(after).toEqual(fresh());
    db.close();
    index.close();
  });

  it('lists survive a restart of the process', () => {
    const t = indexOf(corpus.slice(0, 400));
    const d = corpus[7]!;
    pageAsk(t.index, d);
    const db = new Database(t.file);
    db.prepare('UPDATE similar_papers SET score = -1 WHERE paper_id = ? AND rank = 0').run(d.paperId);
    db.close();
    const reopened = openSearchIndex({ path: t.file });
    expect(pageAsk(reopened, d)[0]!.score).toBe(-1);
    reopened.close();
  });
});
