// Learning the reranker from feature rows (collect.ts): a linear model by coordinate ascent (Metzler &
// Croft 2007, as RankLib's CoorAscent) or LambdaMART (Burges 2010: gradient-boosted regression trees on
// λ-gradients of nDCG, Newton leaf values, histogram splits). Both are deterministic for a seed, and both
// maximise nDCG@10 of the candidates with the ideal ranking taken over all judgments of the query.
import { seededRandom } from '../../core/random.js';
import { FEATURE_NAMES, type FeatureName } from './features.js';
import { evalTree, normaliseRows, type TreeNode } from './model.js';

export interface TrainingQuery {
  /** Normalised feature rows of the candidates (selected columns). */
  x: number[][];
  rel: number[];
  /** Ideal DCG@k of the query (from every judgment, also those the first stage missed). */
  idcg: number;
}

const K = 10;
const discount = (rank: number) => 1 / Math.log2(rank + 2);
const gainOf = (rel: number) => 2 ** rel - 1;

export function idcgOf(judged: readonly number[], k = K): number {
  return [...judged]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, r, i) => s + gainOf(r) * discount(i), 0);
}

/** Prepares collected rows: keeps the chosen columns, normalises within each query, drops queries with
 *  no relevant candidate (nothing to learn from them, and no ranking can change their score). */
export function trainingQueries(
  rows: readonly { rel: number[]; judged: number[]; x: number[][] }[],
  features: readonly FeatureName[],
  { keepUnanswerable = false } = {},
): TrainingQuery[] {
  const cols = features.map((f) => FEATURE_NAMES.indexOf(f));
  return rows
    .filter((q) => q.x.length > 0 && (keepUnanswerable || q.rel.some((r) => r > 0)))
    .map((q) => ({
      x: normaliseRows(q.x.map((r) => cols.map((c) => r[c]!))),
      rel: q.rel,
      idcg: idcgOf(q.judged),
    }));
}

/** nDCG@10 of one query under scores (ties keep candidate order, as the reranker does). */
export function ndcgOf(q: TrainingQuery, scores: ArrayLike<number>): number {
  if (q.idcg <= 0) return 0;
  let dcg = 0;
  for (let i = 0; i < q.rel.length; i++) {
    if (q.rel[i]! <= 0) continue;
    let rank = 0;
    const s = scores[i]!;
    for (let j = 0; j < q.rel.length && rank < K; j++) if (scores[j]! > s || (scores[j] === s && j < i)) rank++;
    if (rank < K) dcg += gainOf(q.rel[i]!) * discount(rank);
  }
  return dcg / q.idcg;
}

export function meanNdcg(queries: readonly TrainingQuery[], score: (x: number[]) => number): number {
  let sum = 0;
  for (const q of queries) sum += ndcgOf(q, q.x.map(score));
  return queries.length > 0 ? sum / queries.length : 0;
}

/** Coordinate ascent over L1-normalised weights, with random restarts (the best restart wins). */
export function trainLinear({
  queries,
  width,
  restarts = 3,
  passes = 10,
  seed = 1,
}: {
  queries: readonly TrainingQuery[];
  width: number;
  restarts?: number;
  passes?: number;
  seed?: number;
}): { weights: number[]; ndcg: number } {
  const random = seededRandom(seed);
  const scores = queries.map((q) => new Float64Array(q.x.length));
  const evaluate = () => queries.reduce((s, q, i) => s + ndcgOf(q, scores[i]!), 0) / Math.max(queries.length, 1);
  const setScores = (w: readonly number[]) => {
    queries.forEach((q, i) => {
      const s = scores[i]!;
      q.x.forEach((r, d) => {
        let v = 0;
        for (let j = 0; j < width; j++) v += r[j]! * w[j]!;
        s[d] = v;
      });
    });
  };
  const shift = (j: number, delta: number) => {
    queries.forEach((q, i) => {
      const s = scores[i]!;
      q.x.forEach((r, d) => {
        s[d]! += delta * r[j]!;
      });
    });
  };
  let best = { weights: new Array<number>(width).fill(1 / width), ndcg: -1 };
  for (let restart = 0; restart < restarts; restart++) {
    const w =
      restart === 0 ? new Array<number>(width).fill(1 / width) : Array.from({ length: width }, () => random() - 0.3);
    setScores(w);
    let current = evaluate();
    for (let pass = 0; pass < passes; pass++) {
      const before = current;
      const order = Array.from({ length: width }, (_, j) => j).sort(() => random() - 0.5);
      for (const j of order) {
        let bestDelta = 0;
        for (const dir of [1, -1]) {
          let step = 0.001 * dir;
          let moved = 0;
          for (let t = 0; t < 12; t++) {
            shift(j, step);
            moved += step;
            const v = evaluate();
            if (v > current + 1e-9) {
              current = v;
              bestDelta = moved;
            }
            step *= 2;
          }
          shift(j, bestDelta - moved);
          if (bestDelta !== 0) break;
        }
        w[j]! += bestDelta;
      }
      if (current - before < 1e-5) break;
    }
    // Scores are only compared within a query, so the scale is free: report weights with unit L1 norm.
    const norm = w.reduce((s, v) => s + Math.abs(v), 0) || 1;
    if (current > best.ndcg) best = { weights: w.map((v) => v / norm), ndcg: current };
  }
  return best;
}

export interface LambdaMartSettings {
  trees: number;
  leaves: number;
  learningRate: number;
  minLeaf: number;
  bins: number;
  seed: number;
}

export const DEFAULT_LAMBDAMART: LambdaMartSettings = {
  trees: 150,
  leaves: 8,
  learningRate: 0.1,
  minLeaf: 50,
  bins: 32,
  seed: 1,
};

/** LambdaMART; returns the trees with leaf values already scaled by the learning rate. */
export function trainLambdaMart({
  queries,
  width,
  settings = DEFAULT_LAMBDAMART,
  onTree,
}: {
  queries: readonly TrainingQuery[];
  width: number;
  settings?: LambdaMartSettings;
  onTree?: (tree: number, trees: TreeNode[][]) => void;
}): TreeNode[][] {
  const rows: number[][] = [];
  const offsets: number[] = [];
  for (const q of queries) {
    offsets.push(rows.length);
    rows.push(...q.x);
  }
  const n = rows.length;
  const thresholds = Array.from({ length: width }, (_, j) =>
    quantiles(
      rows.map((r) => r[j]!),
      settings.bins,
    ),
  );
  // Bin of each value: index of the first threshold ≥ value.
  const binned = Array.from({ length: width }, (_, j) => {
    const t = thresholds[j]!;
    const b = new Uint8Array(n);
    rows.forEach((r, i) => {
      let k = 0;
      while (k < t.length && r[j]! > t[k]!) k++;
      b[i] = k;
    });
    return b;
  });
  const score = new Float64Array(n);
  const lambda = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let m = 0; m < settings.trees; m++) {
    lambda.fill(0);
    hess.fill(0);
    queries.forEach((q, qi) => {
      computeLambdas(q, offsets[qi]!, score, lambda, hess);
    });
    const tree = fitTree({ n, width, binned, thresholds, lambda, hess, settings });
    for (const node of tree) if ('value' in node) node.value *= settings.learningRate;
    for (let i = 0; i < n; i++) score[i]! += evalTree(tree, rows[i]!);
    trees.push(tree);
    onTree?.(m, trees);
  }
  return trees;
}

function computeLambdas(q: TrainingQuery, off: number, score: Float64Array, lambda: Float64Array, hess: Float64Array) {
  if (q.idcg <= 0) return;
  const len = q.rel.length;
  const order = Array.from({ length: len }, (_, i) => i).sort((a, b) => score[off + b]! - score[off + a]! || a - b);
  const rankOf = new Int32Array(len);
  order.forEach((d, r) => {
    rankOf[d] = r;
  });
  for (let i = 0; i < len; i++) {
    const ri = q.rel[i]!;
    if (ri <= 0) continue;
    for (let j = 0; j < len; j++) {
      if (q.rel[j]! >= ri) continue;
      const di = rankOf[i]! < K ? discount(rankOf[i]!) : 0;
      const dj = rankOf[j]! < K ? discount(rankOf[j]!) : 0;
      // Outside the top k both discounts vanish; a small floor keeps relevant documents climbing from there.
      const delta = (Math.abs(gainOf(ri) - gainOf(q.rel[j]!)) * Math.max(Math.abs(di - dj), 0.01)) / q.idcg;
      const rho = 1 / (1 + Math.exp(score[off + i]! - score[off + j]!));
      lambda[off + i]! += delta * rho;
      lambda[off + j]! -= delta * rho;
      const h = delta * rho * (1 - rho);
      hess[off + i]! += h;
      hess[off + j]! += h;
    }
  }
}

function quantiles(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins)]!;
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  return out;
}

function fitTree({
  n,
  width,
  binned,
  thresholds,
  lambda,
  hess,
  settings,
}: {
  n: number;
  width: number;
  binned: Uint8Array[];
  thresholds: number[][];
  lambda: Float64Array;
  hess: Float64Array;
  settings: LambdaMartSettings;
}): TreeNode[] {
  interface Leaf {
    rows: Int32Array;
    node: number;
    split: { gain: number; feature: number; bin: number } | null;
  }
  const nodes: TreeNode[] = [];
  const sumOf = (rows: Int32Array) => {
    let g = 0;
    let h = 0;
    for (const i of rows) {
      g += lambda[i]!;
      h += hess[i]!;
    }
    return { g, h };
  };
  const bestSplit = (rows: Int32Array): Leaf['split'] => {
    if (rows.length < 2 * settings.minLeaf) return null;
    const total = sumOf(rows).g;
    let best: Leaf['split'] = null;
    for (let j = 0; j < width; j++) {
      const bins = thresholds[j]!.length + 1;
      const g = new Float64Array(bins);
      const c = new Int32Array(bins);
      const b = binned[j]!;
      for (const i of rows) {
        g[b[i]!]! += lambda[i]!;
        c[b[i]!]!++;
      }
      let gl = 0;
      let cl = 0;
      for (let k = 0; k < bins - 1; k++) {
        gl += g[k]!;
        cl += c[k]!;
        const cr = rows.length - cl;
        if (cl < settings.minLeaf || cr < settings.minLeaf) continue;
        const gain = (gl * gl) / cl + ((total - gl) * (total - gl)) / cr - (total * total) / rows.length;
        if (!best || gain > best.gain) best = { gain, feature: j, bin: k };
      }
    }
    return best && best.gain > 1e-12 ? best : null;
  };
  const leafValue = (rows: Int32Array) => {
    const { g, h } = sumOf(rows);
    return h > 1e-12 ? g / h : 0;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  nodes.push({ value: 0 });
  const leaves: Leaf[] = [{ rows: all, node: 0, split: bestSplit(all) }];
  let count = 1;
  while (count < settings.leaves) {
    let pick = -1;
    leaves.forEach((l, i) => {
      if (l.split && (pick < 0 || l.split.gain > leaves[pick]!.split!.gain)) pick = i;
    });
    if (pick < 0) break;
    const leaf = leaves[pick]!;
    const { feature, bin } = leaf.split!;
    const b = binned[feature]!;
    const left = leaf.rows.filter((i) => b[i]! <= bin);
    const right = leaf.rows.filter((i) => b[i]! > bin);
    const li = nodes.length;
    nodes.push({ value: 0 }, { value: 0 });
    nodes[leaf.node] = { feature, threshold: thresholds[feature]![bin]!, left: li, right: li + 1 };
    leaves.splice(
      pick,
      1,
      { rows: left, node: li, split: bestSplit(left) },
      {
        rows: right,
        node: li + 1,
        split: bestSplit(right),
      },
    );
    count++;
  }
  for (const l of leaves) nodes[l.node] = { value: leafValue(l.rows) };
  return nodes;
}
