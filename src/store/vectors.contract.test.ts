import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

describe.each(storeFactories)('paper vectors store contract on $dialect', (factory) => {
  let store: Store;
  let ids: number[];
  const vec = (...xs: number[]) => new Float32Array(xs);

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    const papers = ['2401.00001', '2401.00002', '2401.00003'].map((arxivId) => makePaper({ arxivId }));
    await store.papers.upsertMany(papers);
    ids = await Promise.all(papers.map(async (p) => (await store.papers.findByArxivId(p.arxivId))!.id));
  });
  afterEach(async () => {
    await store.close();
  });

  it('returns vectors bit for bit, in write order, with the paper change number a follower waits for', async () => {
    const exact = vec(0.1, -0.2, 1 / 3, Number.MIN_VALUE);
    expect(await store.vectors.put({ model: 'm', items: [{ paperId: ids[1]!, textHash: 'h1', vector: exact }] })).toBe(
      1,
    );
    await store.vectors.put({ model: 'm', items: [{ paperId: ids[0]!, textHash: 'h0', vector: vec(1, 0, 0, 0) }] });
    const rows = await store.vectors.changedSince({ model: 'm', afterSeq: 0, limit: 10 });
    expect(rows.map((r) => r.paperId)).toEqual([ids[1], ids[0]]);
    expect(rows[0]!.vector).toEqual(exact);
    expect(rows[0]!.textHash).toBe('h1');
    expect(rows[1]!.seq).toBeGreaterThan(rows[0]!.seq);
    const paper = await store.papers.findByIds([ids[1]!]);
    expect(rows[0]!.paperChangeSeq).toBe(paper[0]!.changeSeq);
    expect(await store.vectors.changedSince({ model: 'm', afterSeq: rows[0]!.seq, limit: 10 })).toHaveLength(1);
    expect(await store.vectors.changedSince({ model: 'm', afterSeq: 0, limit: 1 })).toHaveLength(1);
  });

  it('replaces a paper’s vector of the same model with a new seq, and keeps models apart', async () => {
    await store.vectors.put({ model: 'm', items: [{ paperId: ids[0]!, textHash: 'old', vector: vec(1, 0) }] });
    await store.vectors.put({ model: 'other', items: [{ paperId: ids[0]!, textHash: 'x', vector: vec(0, 1, 0) }] });
    const before = (await store.vectors.changedSince({ model: 'm', afterSeq: 0, limit: 10 }))[0]!;
    await store.vectors.put({ model: 'm', items: [{ paperId: ids[0]!, textHash: 'new', vector: vec(0, 1) }] });
    const after = await store.vectors.changedSince({ model: 'm', afterSeq: 0, limit: 10 });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ textHash: 'new', vector: vec(0, 1) });
    expect(after[0]!.seq).toBeGreaterThan(before.seq);
    expect(await store.vectors.count('m')).toBe(1);
    expect((await store.vectors.changedSince({ model: 'other', afterSeq: 0, limit: 10 }))[0]!.vector).toEqual(
      vec(0, 1, 0),
    );
  });

  it('skips papers the store does not have and writes the rest', async () => {
    const written = await store.vectors.put({
      model: 'm',
      items: [
        { paperId: 999_999, textHash: 'x', vector: vec(1) },
        { paperId: ids[2]!, textHash: 'h', vector: vec(1) },
      ],
    });
    expect(written).toBe(1);
    expect((await store.vectors.changedSince({ model: 'm', afterSeq: 0, limit: 10 })).map((r) => r.paperId)).toEqual([
      ids[2],
    ]);
    expect(await store.vectors.put({ model: 'm', items: [] })).toBe(0);
  });
});
