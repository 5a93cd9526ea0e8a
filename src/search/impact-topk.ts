// Exact BM25 top-k over block-max postings (impact-index.ts), for queries of bare terms under AND or OR.
//
// Document at a time, in paper order, with block-max pruning: every term's postings are in blocks that carry an
// upper bound of their impacts, so the sum of the blocks' bounds (× idf) at a paper bounds the score of every
// paper up to the first of those blocks' ends. Once k accepted papers are held, θ is the k-th best score, and
//  - AND (block-max WAND over the rarest term): the rarest term leads; where the blocks' bounds sum below θ the
//    whole range is skipped without reading it; elsewhere the other terms are advanced to the lead's paper;
//  - OR (block-max MaxScore): terms whose bounds sum below θ are "non-essential" — a paper holding only those
//    cannot enter — so candidates come from the essential terms alone and the others are looked up, stopping as
//    soon as what they could still add cannot lift the paper to θ.
// Only papers whose bound is below θ are passed over, so the result is the exhaustive ranking's top k, ties
// broken by the newer paperId (papers come in ascending order: an equal score later wins). Scores are summed in
// query order with FTS5's formula and figures (bm25.ts), so they equal FTS5's. When the work passes a budget (a
// very selective filter, say) it gives up and the caller scores exhaustively.
import { type ColumnCounts, idf, impactOf, termImpact, weightedTf } from './bm25.js';
import { RANK_TUNING } from './candidates.js';
import type { ImpactIndex, ListedTerm, PieceData } from './impact-index.js';
import { IMPACT_TUNING } from './impact-index.js';

export const TOPK_TUNING = {
  /** Postings scanned before giving up to the exhaustive path. */
  budget: 3_000_000,
  /** Accept() is asked about this many candidates at once (one SQL read). */
  acceptBatch: 64,
  /** Block size of in-memory postings (fresh papers, rare terms read live). */
  memoryBlock: 64,
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
  /** Every paper passes (no filter, no exclusion): accept() is never asked. */
  acceptsAll?: boolean;
  /** Count the accepted matches up to this many, keeping them all (scored) while there are fewer: nothing is
   *  skipped until then, so a query with few matches gets every one (its facets are counted off them). */
  countTo?: number;
}

export interface TopKResult {
  hits: TopKHit[];
  /** Accepted matches, exact below `countTo` (at least `countTo` otherwise). */
  matches: number;
  /** Every accepted match, best first, when there are fewer than `countTo`; else null. */
  all: TopKHit[] | null;
}

export interface TopKHit {
  paperId: number;
  score: number;
}

/** Past every paper id (ids are 32-bit in the postings). */
const END = 2 ** 32;
const EPS = 1e-9;

/** One term's postings in paper order. Bounds and impacts are without the idf. */
interface Cursor {
  /** The current paper, END when exhausted. */
  doc: number;
  /** Moves to the first paper ≥ target and returns it. */
  next(target: number): number;
  /** The current paper's impact. */
  impact(): number;
  /** Sets blockBound and blockLast for the block holding `target` (targets only grow), reading nothing. */
  shallow(target: number): void;
  /** Bounds every paper from the shallow target to blockLast. */
  blockBound: number;
  blockLast: number;
  max: number;
}

export function createImpactTopK({ impact }: { impact: ImpactIndex }) {
  return function topK(req: TopKRequest): TopKResult | null {
    const n = req.stems.length;
    if (n === 0 || n > 30 || !impact.usable()) return null;
    // Bounds hold for weights up to the build's (lower weights only lower a tf).
    if (req.weights.some((w, i) => w > RANK_TUNING.weights[i]!)) return null;
    if (req.stems.some((stem, t) => req.dfs[t]! > TOPK_TUNING.liveMaxDf && impact.term(stem) === null)) return null;
    const { rows, avgdl } = impact.corpus();
    const built = impact.buildAvgdl();
    if (!(built > 0)) return null;
    // An impact grows at most in proportion to the average length (impact-index.ts).
    const drift = Math.max(1, avgdl / built) * (1 + 1e-9);
    const state = impact.state();
    const w = req.weights.map((x) => x * RANK_TUNING.scale) as [number, number, number, number];
    const work = { scanned: 0 };
    const cursors: Cursor[] = [];
    const idfs: number[] = [];
    for (const stem of req.stems) {
      const listed = impact.term(stem);
      if (listed) {
        const fresh = state.freshByTerm.get(stem) ?? [];
        idfs.push(idf({ rows, df: listed.df - (state.deadDf.get(stem) ?? 0) + fresh.length }));
        const list = listCursor({ impact, listed, skip: state.skip, w, avgdl, drift, work });
        if (fresh.length === 0) cursors.push(list);
        else {
          const counts = fresh.map((d) => state.fresh.get(d)!.terms.get(stem)!);
          const lengths = fresh.map((d) => state.fresh.get(d)!.length);
          cursors.push(unionCursor(list, arrayCursor(fresh, counts, lengths, req.weights, avgdl)));
        }
      } else {
        const live = impact.live(stem);
        idfs.push(idf({ rows, df: live.docs.length }));
        cursors.push(arrayCursor(live.docs, live.counts, live.lengths, req.weights, avgdl));
      }
    }

    const k = req.k;
    const top: TopKHit[] = [];
    let theta = Number.NEGATIVE_INFINITY;
    const pending: TopKHit[] = [];
    const countTo = req.countTo ?? 0;
    let counting = countTo > 0;
    let all: TopKHit[] | null = counting ? [] : null;
    let matched = 0;
    const admit = (hits: TopKHit[]) => {
      if (counting) {
        matched += hits.length;
        all!.push(...hits);
        if (matched >= countTo) {
          counting = false;
          all = null;
        }
      }
      let changed = false;
      for (const h of hits) {
        if (h.score < theta - EPS) continue;
        top.push(h);
        changed = true;
      }
      if (!changed) return;
      top.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
      if (top.length > k) top.length = k;
      if (top.length === k) theta = top[k - 1]!.score;
    };
    const flush = () => {
      if (pending.length === 0) return;
      const ok = req.accept(pending.map((h) => h.paperId));
      admit(pending.filter((h) => ok.has(h.paperId)));
      pending.length = 0;
    };
    const offer = (paperId: number, score: number) => {
      if (!counting && score < theta - EPS) return;
      if (req.acceptsAll) admit([{ paperId, score }]);
      else {
        pending.push({ paperId, score });
        if (pending.length >= TOPK_TUNING.acceptBatch) flush();
      }
    };
    const contrib = new Float64Array(n);
    const exact = () => {
      let s = 0;
      for (let t = 0; t < n; t++) s += contrib[t]!;
      return s;
    };

    if (req.mode === 'and') {
      const order = cursors.map((_, t) => t).sort((a, b) => idfs[b]! - idfs[a]!);
      const lead = cursors[order[0]!]!;
      // rest[j]: what the terms order[j..] can add at most in their current blocks (set when the top is full).
      const rest = new Float64Array(n + 1);
      let d = lead.next(1);
      outer: while (d < END) {
        if (work.scanned > TOPK_TUNING.budget) return null;
        const full = !counting && top.length === k;
        if (full) {
          let last = END;
          for (let j = n - 1; j >= 0; j--) {
            const c = cursors[order[j]!]!;
            c.shallow(d);
            rest[j] = rest[j + 1]! + idfs[order[j]!]! * c.blockBound;
            if (c.blockLast < last) last = c.blockLast;
          }
          if (rest[0]! < theta - EPS) {
            if (last >= END - 1) break;
            d = lead.next(last + 1);
            continue;
          }
        }
        // The lead's paper, then each other term in turn. Once the terms aligned so far score too little for what
        // the others can still add, the paper cannot enter and the others are not probed (a very common term —
        // idf near 0 — is then rarely read at all).
        let partial = 0;
        let scored = 0;
        for (let j = 1; j < n; j++) {
          if (full && rest[j]! < theta - EPS) {
            for (; scored < j; scored++) partial += idfs[order[scored]!]! * cursors[order[scored]!]!.impact();
            if (partial + rest[j]! < theta - EPS) {
              d = lead.next(d + 1);
              continue outer;
            }
          }
          const x = cursors[order[j]!]!.next(d);
          if (x !== d) {
            d = x >= END ? END : lead.next(x);
            continue outer;
          }
        }
        for (let t = 0; t < n; t++) contrib[t] = idfs[t]! * cursors[t]!.impact();
        offer(d, exact());
        d = lead.next(d + 1);
      }
    } else {
      // Ascending by what a term can add at most; terms [0, essential) are non-essential.
      const order = cursors.map((_, t) => t).sort((a, b) => idfs[a]! * cursors[a]!.max - idfs[b]! * cursors[b]!.max);
      const prefix = new Float64Array(n + 1);
      for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + idfs[order[i]!]! * cursors[order[i]!]!.max;
      let essential = 0;
      const blockUb = new Float64Array(n);
      for (const c of cursors) c.next(1);
      for (;;) {
        if (work.scanned > TOPK_TUNING.budget) return null;
        while (!counting && essential < n && prefix[essential + 1]! < theta - EPS) essential++;
        if (essential >= n) break;
        let d = END;
        for (let i = essential; i < n; i++) {
          const doc = cursors[order[i]!]!.doc;
          if (doc < d) d = doc;
        }
        if (d >= END) break;
        const full = !counting && top.length === k;
        if (full) {
          let ub = 0;
          let last = END;
          for (let t = 0; t < n; t++) {
            const c = cursors[t]!;
            c.shallow(d);
            blockUb[t] = idfs[t]! * c.blockBound;
            ub += blockUb[t]!;
            if (c.blockLast < last) last = c.blockLast;
          }
          if (ub < theta - EPS) {
            if (last >= END - 1) break;
            for (let i = essential; i < n; i++) cursors[order[i]!]!.next(last + 1);
            continue;
          }
        }
        contrib.fill(0);
        let s = 0;
        for (let i = essential; i < n; i++) {
          const t = order[i]!;
          const c = cursors[t]!;
          if (c.doc !== d) continue;
          contrib[t] = idfs[t]! * c.impact();
          s += contrib[t]!;
        }
        let rest = 0;
        for (let i = 0; i < essential; i++) rest += full ? blockUb[order[i]!]! : Number.POSITIVE_INFINITY;
        let pruned = false;
        for (let i = essential - 1; i >= 0; i--) {
          const t = order[i]!;
          if (s + rest < theta - EPS) {
            pruned = true;
            break;
          }
          rest -= full ? blockUb[t]! : 0;
          const c = cursors[t]!;
          if (c.next(d) === d) {
            contrib[t] = idfs[t]! * c.impact();
            s += contrib[t]!;
          }
        }
        if (!pruned) offer(d, exact());
        for (let i = essential; i < n; i++) {
          const c = cursors[order[i]!]!;
          if (c.doc === d) c.next(d + 1);
        }
      }
    }
    flush();
    if (all) all.sort((a, b) => b.score - a.score || b.paperId - a.paperId);
    return { hits: top, matches: counting ? matched : Math.max(matched, countTo), all };
  };
}

/** A listed term's postings: a piece's paper ids read from the index when a block of it is first needed, its
 *  counts and lengths when a paper of it is first scored. */
function listCursor(args: {
  impact: ImpactIndex;
  listed: ListedTerm;
  skip: Set<number>;
  w: readonly [number, number, number, number];
  avgdl: number;
  drift: number;
  work: { scanned: number };
}): Cursor {
  const { impact, listed, skip, avgdl, drift, work } = args;
  const [w0, w1, w2, w3] = args.w;
  const { lastDocs, bounds } = args.listed;
  const blocks = lastDocs.length;
  const bs = IMPACT_TUNING.blockSize;
  const per = IMPACT_TUNING.pieceBlocks;
  const checkSkip = skip.size > 0;
  let max = 0;
  for (let b = 0; b < blocks; b++) if (bounds[b]! > max) max = bounds[b]!;
  let shallowBlock = 0;
  let block = 0;
  let pieceNo = -1;
  let docs: Uint32Array = new Uint32Array(0);
  let data: PieceData | null = null;
  let dataNo = -1;
  let pos = 0;
  const cursor: Cursor = {
    doc: 0,
    max: max * drift,
    blockBound: 0,
    blockLast: END,
    next(target) {
      if (target <= cursor.doc) return cursor.doc;
      let b = block;
      while (b < blocks && lastDocs[b]! < target) b++;
      for (;;) {
        if (b >= blocks) {
          cursor.doc = END;
          return END;
        }
        const p = Math.floor(b / per);
        if (p !== pieceNo) {
          docs = impact.pieceIds(listed, p);
          pieceNo = p;
          pos = 0;
        }
        let i = Math.max(pos, (b - p * per) * bs);
        const startedAt = i;
        while (i < docs.length && (docs[i]! < target || (checkSkip && skip.has(docs[i]!)))) i++;
        work.scanned += i - startedAt + 1;
        if (i < docs.length) {
          pos = i;
          block = p * per + Math.floor(i / bs);
          cursor.doc = docs[i]!;
          return cursor.doc;
        }
        b = (p + 1) * per;
        block = b;
      }
    },
    impact() {
      if (dataNo !== pieceNo) {
        data = impact.pieceData(listed, pieceNo);
        dataNo = pieceNo;
      }
      const c = data!.counts[pos]!;
      const tf = (c & 0xff) * w0 + ((c >>> 8) & 0x3ff) * w1 + ((c >>> 18) & 0x7f) * w2 + ((c >>> 25) & 0x7f) * w3;
      return impactOf(tf, data!.lengths[pos]!, avgdl);
    },
    shallow(target) {
      while (shallowBlock < blocks && lastDocs[shallowBlock]! < target) shallowBlock++;
      if (shallowBlock >= blocks) {
        cursor.blockBound = 0;
        cursor.blockLast = END;
      } else {
        cursor.blockBound = bounds[shallowBlock]! * drift;
        cursor.blockLast = lastDocs[shallowBlock]!;
      }
    },
  };
  return cursor;
}

/** Postings held in memory (fresh papers, a rare term read live), with block bounds of their own. */
function arrayCursor(
  docs: readonly number[],
  counts: readonly ColumnCounts[],
  lengths: readonly number[],
  weights: readonly number[],
  avgdl: number,
): Cursor {
  const impacts = docs.map((_, i) => termImpact({ tf: weightedTf(counts[i]!, weights), length: lengths[i]!, avgdl }));
  const bs = TOPK_TUNING.memoryBlock;
  const blocks = Math.ceil(docs.length / bs);
  const lastDocs = new Float64Array(blocks);
  const bounds = new Float64Array(blocks);
  let max = 0;
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(docs.length, (b + 1) * bs);
    let m = 0;
    for (let i = b * bs; i < end; i++) if (impacts[i]! > m) m = impacts[i]!;
    bounds[b] = m;
    lastDocs[b] = docs[end - 1]!;
    if (m > max) max = m;
  }
  let pos = 0;
  let shallowBlock = 0;
  const cursor: Cursor = {
    doc: 0,
    max,
    blockBound: 0,
    blockLast: END,
    next(target) {
      if (target <= cursor.doc) return cursor.doc;
      while (pos < docs.length && docs[pos]! < target) pos++;
      cursor.doc = pos < docs.length ? docs[pos]! : END;
      return cursor.doc;
    },
    impact: () => impacts[pos]!,
    shallow(target) {
      while (shallowBlock < blocks && lastDocs[shallowBlock]! < target) shallowBlock++;
      cursor.blockBound = shallowBlock < blocks ? bounds[shallowBlock]! : 0;
      cursor.blockLast = shallowBlock < blocks ? lastDocs[shallowBlock]! : END;
    },
  };
  return cursor;
}

/** A listed term's postings and its fresh papers' (disjoint: fresh papers are skipped in the list). */
function unionCursor(a: Cursor, b: Cursor): Cursor {
  const cursor: Cursor = {
    doc: 0,
    max: Math.max(a.max, b.max),
    blockBound: 0,
    blockLast: END,
    next(target) {
      cursor.doc = Math.min(a.next(target), b.next(target));
      return cursor.doc;
    },
    impact: () => (a.doc === cursor.doc ? a.impact() : b.impact()),
    shallow(target) {
      a.shallow(target);
      b.shallow(target);
      cursor.blockBound = Math.max(a.blockBound, b.blockBound);
      cursor.blockLast = Math.min(a.blockLast, b.blockLast);
    },
  };
  return cursor;
}
