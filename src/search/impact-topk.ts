// Exact BM25 top-k over impact-ordered postings (impact-index.ts), for queries of bare terms under AND or OR.
//
// Each term's postings are read best-first, one chunk at a time, always from the term whose next chunk could
// add the most (idf × the chunk's bound). Every paper seen keeps its per-term contributions. Reading stops when
// the k-th best accepted score θ (exact papers; under OR also partial sums, which are lower bounds) is above
// what any paper not seen could reach (Σ idf × each term's remaining bound) and few seen papers could still
// reach θ; those few are finished from their text ("random access", doc-terms.ts). Everything with a bound below
// θ cannot enter the top k, so the result is the exhaustive ranking's top k, ties broken by the newer paperId.
// When the work passes a budget (a very selective filter, say) it gives up and the caller scores exhaustively.
import { type ColumnCounts, idf, impactOf, termImpact, weightedTf } from './bm25.js';
import { RANK_TUNING } from './candidates.js';
import type { ImpactIndex } from './impact-index.js';

export const TOPK_TUNING = {
  /** Postings read before giving up to the exhaustive path. */
  budget: 400_000,
  /** Seen papers finished from their text at most; more means reading on. */
  resolveMax: 64,
  memoryChunk: 256,
  /** Terms without a list are read live from FTS5 up to this df (a list exists from IMPACT_TUNING.minDf). */
  liveMaxDf: 5_000,
};

export interface TopKRequest {
  /** Stemmed terms, in the order FTS5 would sum them. */
  stems: readonly string[];
  /** Their document frequencies as the planner knows them: a common term without a list (a stop word) is not
   *  walked live; the exhaustive path answers instead. */
  dfs: readonly number[];
  mode: 'and' | 'or';
  k: number;
  weights: readonly number[];
  /** Which of these papers pass the filters and exclusions. */
  accept: (paperIds: number[]) => Set<number>;
}

export interface TopKHit {
  paperId: number;
  score: number;
}

interface Source {
  term: number;
  /** Bound (without idf) of everything not read yet. */
  bound(): number;
  done(): boolean;
  /** Reads the next chunk: calls `add` for each posting, returns how many it read. */
  read(add: (doc: number, impact: number) => void): number;
}

export function createImpactTopK({ impact }: { impact: ImpactIndex }) {
  return function topK(req: TopKRequest): TopKHit[] | null {
    const n = req.stems.length;
    if (n === 0 || n > 30 || !impact.usable()) return null;
    const { rows, avgdl } = impact.corpus();
    const state = impact.state();
    const eps = 1e-9;
    if (req.stems.some((stem, t) => req.dfs[t]! > TOPK_TUNING.liveMaxDf && impact.term(stem) === null)) return null;
    const sources: Source[] = [];
    const idfs: number[] = [];
    req.stems.forEach((stem, t) => {
      const listed = impact.term(stem);
      const fresh = listed ? (state.freshByTerm.get(stem) ?? []) : [];
      if (listed) {
        idfs.push(idf({ rows, df: listed.df - (state.deadDf.get(stem) ?? 0) + fresh.length }));
        sources.push(chunkSource({ impact, stem, term: t, avgdl, weights: req.weights, skip: state.skip }));
        if (fresh.length > 0) {
          const counts = fresh.map((d) => state.fresh.get(d)!.terms.get(stem)!);
          const lengths = fresh.map((d) => state.fresh.get(d)!.length);
          sources.push(memorySource({ term: t, docs: fresh, counts, lengths, avgdl, weights: req.weights }));
        }
      } else {
        const live = impact.live(stem);
        idfs.push(idf({ rows, df: live.docs.length }));
        sources.push(memorySource({ term: t, ...live, avgdl, weights: req.weights }));
      }
    });

    const full = 2 ** n - 1;
    const seen = new Map<number, number>();
    let contrib = new Float64Array(1024 * n);
    let masks = new Int32Array(1024);
    const docsOf: number[] = [];
    const add = (term: number) => (doc: number, g: number) => {
      let slot = seen.get(doc);
      if (slot === undefined) {
        slot = docsOf.length;
        docsOf.push(doc);
        seen.set(doc, slot);
        if (slot >= masks.length) {
          const m = new Int32Array(masks.length * 2);
          m.set(masks);
          masks = m;
          const c = new Float64Array(contrib.length * 2);
          c.set(contrib);
          contrib = c;
        }
      }
      contrib[slot * n + term] = idfs[term]! * g;
      masks[slot] = masks[slot]! | (1 << term);
    };
    const adders = Array.from({ length: n }, (_, t) => add(t));
    const sumOf = (slot: number) => {
      let s = 0;
      for (let t = 0; t < n; t++) s += contrib[slot * n + t]!;
      return s;
    };
    const accepted = new Map<number, boolean>();
    const acceptAll = (ids: number[]) => {
      const ask = ids.filter((id) => !accepted.has(id));
      if (ask.length === 0) return;
      const ok = req.accept(ask);
      for (const id of ask) accepted.set(id, ok.has(id));
    };

    const finish = (): TopKHit[] | null => {
      const frontier = new Float64Array(n);
      const termDone = Array.from({ length: n }, () => true);
      for (const s of sources) {
        if (s.done()) continue;
        termDone[s.term] = false;
        frontier[s.term] = Math.max(frontier[s.term]!, s.bound());
      }
      let unseen = 0;
      for (let t = 0; t < n; t++) {
        // Under AND a paper not seen yet must hold every term; once a term's postings are all read, none can.
        if (req.mode === 'and' && termDone[t]) unseen = Number.NEGATIVE_INFINITY;
        unseen += idfs[t]! * frontier[t]!;
      }
      // θ: the k-th best lower bound among accepted papers.
      const lower: { slot: number; lb: number }[] = [];
      for (let slot = 0; slot < docsOf.length; slot++) {
        if (req.mode === 'and' && masks[slot] !== full) continue;
        lower.push({ slot, lb: sumOf(slot) });
      }
      lower.sort((a, b) => b.lb - a.lb || docsOf[b.slot]! - docsOf[a.slot]!);
      let theta = Number.NEGATIVE_INFINITY;
      let found = 0;
      for (let i = 0; i < lower.length && found < req.k; i += 256) {
        const batch = lower.slice(i, i + 256);
        acceptAll(batch.map((e) => docsOf[e.slot]!));
        for (const e of batch) {
          if (!accepted.get(docsOf[e.slot]!)) continue;
          if (++found === req.k) {
            theta = e.lb;
            break;
          }
        }
      }
      const exhausted = sources.every((s) => s.done());
      if (!exhausted && !(unseen <= theta - eps)) return null;
      // Seen papers that could still reach θ and whose score is not final yet.
      const open: number[] = [];
      for (let slot = 0; slot < docsOf.length; slot++) {
        const mask = masks[slot]!;
        if (mask === full) continue;
        let ub = sumOf(slot);
        let final = true;
        let possible = true;
        for (let t = 0; t < n; t++) {
          if (mask & (1 << t)) continue;
          if (!termDone[t]) {
            final = false;
            ub += idfs[t]! * frontier[t]!;
          } else if (req.mode === 'and') possible = false;
        }
        if (!possible || (final && req.mode === 'or') || ub <= theta - eps) continue;
        open.push(slot);
      }
      if (open.length > TOPK_TUNING.resolveMax) return null;
      const texts = impact.docTerms(open.map((s) => docsOf[s]!));
      for (const slot of open) {
        const entry = texts.get(docsOf[slot]!);
        for (let t = 0; t < n; t++) {
          if (masks[slot]! & (1 << t)) continue;
          const counts = entry?.terms.get(req.stems[t]!);
          if (!counts) continue;
          adders[t]!(docsOf[slot]!, termImpact({ tf: weightedTf(counts, req.weights), length: entry!.length, avgdl }));
        }
        if (req.mode === 'or') masks[slot] = full;
      }
      const resolved = new Set(open);
      const ranked: TopKHit[] = [];
      for (let slot = 0; slot < docsOf.length; slot++) {
        const exact = masks[slot] === full || (req.mode === 'or' && (resolved.has(slot) || isFinal(slot)));
        if (!exact) continue;
        const score = sumOf(slot);
        if (score > theta - eps || exhausted) ranked.push({ paperId: docsOf[slot]!, score });
      }
      ranked.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
      const out: TopKHit[] = [];
      for (let i = 0; i < ranked.length && out.length < req.k; i += 256) {
        const batch = ranked.slice(i, i + 256);
        acceptAll(batch.map((h) => h.paperId));
        for (const h of batch) if (accepted.get(h.paperId) && out.length < req.k) out.push(h);
      }
      return out;

      function isFinal(slot: number): boolean {
        for (let t = 0; t < n; t++) if (!(masks[slot]! & (1 << t)) && !termDone[t]) return false;
        return true;
      }
    };

    let read = 0;
    let nextCheck = 256;
    for (;;) {
      let best: Source | null = null;
      let bestBound = -1;
      for (const s of sources) {
        if (s.done()) continue;
        const b = idfs[s.term]! * s.bound();
        if (b > bestBound) {
          best = s;
          bestBound = b;
        }
      }
      if (!best) return finish();
      read += best.read(adders[best.term]!);
      if (read > TOPK_TUNING.budget) return null;
      if (read >= nextCheck) {
        const done = finish();
        if (done) return done;
        // Each check is linear in the papers seen: spacing checks by that keeps them a fraction of the reading.
        nextCheck = read + Math.max(1024, docsOf.length >> 1);
      }
    }
  };
}

function chunkSource(args: {
  impact: ImpactIndex;
  stem: string;
  term: number;
  avgdl: number;
  weights: readonly number[];
  skip: Set<number>;
}): Source {
  const { impact, stem, avgdl, weights, skip } = args;
  const bounds = impact.bounds(stem).map(([maxTf, minLength]) => termImpact({ tf: maxTf, length: minLength, avgdl }));
  // Bounds are per chunk; what is left is bounded by the largest bound of the chunks left.
  const rest = new Float64Array(bounds.length + 1);
  for (let i = bounds.length - 1; i >= 0; i--) rest[i] = Math.max(rest[i + 1]!, bounds[i]!);
  let next = 0;
  return {
    term: args.term,
    bound: () => rest[next]!,
    done: () => next >= bounds.length,
    read(add) {
      const chunk = impact.chunk(stem, next++);
      const [w0, w1, w2, w3] = weights.map((x) => x * RANK_TUNING.scale) as [number, number, number, number];
      const checkSkip = skip.size > 0;
      for (let j = 0; j < chunk.docs.length; j++) {
        const doc = chunk.docs[j]!;
        if (checkSkip && skip.has(doc)) continue;
        // unpackCounts + weightedTf, inlined: this loop runs for every posting read.
        const c = chunk.counts[j]!;
        const tf = (c & 0xff) * w0 + ((c >>> 8) & 0x3ff) * w1 + ((c >>> 18) & 0x7f) * w2 + ((c >>> 25) & 0x7f) * w3;
        add(doc, impactOf(tf, chunk.lengths[j]!, avgdl));
      }
      return chunk.docs.length;
    },
  };
}

function memorySource(args: {
  term: number;
  docs: readonly number[];
  counts: readonly ColumnCounts[];
  lengths: readonly number[];
  avgdl: number;
  weights: readonly number[];
}): Source {
  const impacts = args.docs.map((_, i) =>
    termImpact({ tf: weightedTf(args.counts[i]!, args.weights), length: args.lengths[i]!, avgdl: args.avgdl }),
  );
  const order = impacts.map((_, i) => i).sort((a, b) => impacts[b]! - impacts[a]!);
  let next = 0;
  return {
    term: args.term,
    bound: () => (next < order.length ? impacts[order[next]!]! : 0),
    done: () => next >= order.length,
    read(add) {
      const end = Math.min(order.length, next + TOPK_TUNING.memoryChunk);
      for (; next < end; next++) add(args.docs[order[next]!]!, impacts[order[next]!]!);
      return TOPK_TUNING.memoryChunk;
    },
  };
}
