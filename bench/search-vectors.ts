// Hybrid-search part of the search benchmark: synthetic 384-dim "embeddings" for the synthetic papers, stored
// through the production vector path (putVectors → HNSW refresh), then hybrid, semantic and filtered queries
// timed through the production search function. The vectors are a sparse random projection of each text's
// words (each word adds ±1 on 8 hashed dimensions, title words twice), normalised: neighbours share words,
// so the graph has the clustered structure of real embeddings, at no model cost. Query embedding time is not
// included (a real model adds it: bge-small int8 on this CPU is reported separately in docs/search.md).

import { parseSearchQuery, type SearchIndex } from '../src/search/index.js';

export const BENCH_MODEL = 'bench:sparse-projection';

function hash(word: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function projectText(
  text: string,
  dims: number,
  out: Float32Array = new Float32Array(dims),
  weight = 1,
): Float32Array {
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (word.length < 3) continue;
    for (let j = 0; j < 8; j++) {
      const h = hash(word, j);
      out[h % dims]! += (h & 0x80000000 ? 1 : -1) * weight;
    }
  }
  return out;
}

/** A paper's vector from its indexed text ("title\nabstract"), title words counted twice. */
export function embedText(text: string, dims: number): Float32Array {
  const cut = text.indexOf('\n');
  const v = projectText(text.slice(cut + 1), dims);
  projectText(text.slice(0, Math.max(cut, 0)), dims, v, 2);
  return unit(v);
}

export function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** Vectors for every indexed paper, read and written through the embedding job's own index calls. */
export async function storeVectors({ index, dims }: { index: SearchIndex; dims: number }) {
  const status = index.embeddingStatus({ model: BENCH_MODEL });
  const reused = status.total > 0 && status.embedded === status.total;
  const started = performance.now();
  let count = 0;
  for (let after = 0; ; ) {
    const page = index.pendingEmbeddings({ model: BENCH_MODEL, afterPaperId: after, limit: 5000 });
    if (page.length === 0) break;
    index.putVectors({
      model: BENCH_MODEL,
      items: page.map((p) => ({ paperId: p.paperId, textHash: p.textHash, vector: embedText(p.text, dims) })),
    });
    after = page.at(-1)!.paperId;
    count += page.length;
    if (count % 100_000 === 0) process.stdout.write(`  stored ${count.toLocaleString('en')} vectors\r`);
  }
  const storeMs = performance.now() - started;
  const t = performance.now();
  await index.refreshVectorIndex({ model: BENCH_MODEL });
  return { storeMs, graphMs: performance.now() - t, kind: index.vectorIndexKind(BENCH_MODEL), reused };
}

export function timeModes({
  index,
  queries,
  dims,
  percentiles,
}: {
  index: SearchIndex;
  queries: string[];
  dims: number;
  percentiles: (t: number[]) => { p50: string; p95: string; p99: string; p95n: number };
}) {
  const run = (mode: 'keyword' | 'semantic' | 'hybrid', filtered: boolean) => {
    const times: number[] = [];
    for (const q of queries) {
      const vector = unit(projectText(q, dims, undefined, 2));
      const text = filtered ? `${q} year:2015..2020` : q;
      const t = performance.now();
      index.search(parseSearchQuery(text), {
        limit: 10,
        offset: 0,
        sort: 'relevance',
        category: filtered ? 'cs.lg' : null,
        semantic: mode === 'keyword' ? null : { mode, model: BENCH_MODEL, vector },
      });
      times.push(performance.now() - t);
    }
    return percentiles(times);
  };
  return {
    hybrid: run('hybrid', false),
    semantic: run('semantic', false),
    keywordFiltered: run('keyword', true),
    hybridFiltered: run('hybrid', true),
    semanticFiltered: run('semantic', true),
  };
}
