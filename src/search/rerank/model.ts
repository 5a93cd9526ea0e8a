// The learned ranking model as a JSON file: a linear model over per-query normalised features, or an
// ensemble of regression trees (LambdaMART). Loading validates everything; a file that is missing or not
// exactly this shape yields null and a reason, and the caller falls back to BM25 (reranker.ts).
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, type FeatureName } from './features.js';
import type { PrfSettings } from './prf.js';

export const MODEL_FORMAT = 'dailypapers-reranker';

/** A tree node: a leaf holds `value`; an inner node sends x[feature] <= threshold to `left`, else `right`. */
export type TreeNode = { value: number } | { feature: number; threshold: number; left: number; right: number };

export interface RerankModel {
  format: typeof MODEL_FORMAT;
  version: 1;
  kind: 'linear' | 'trees';
  /** Feature names, in the order of the weights / tree feature indices (a subset of FEATURE_NAMES). */
  features: FeatureName[];
  /** kind "linear": one weight per feature. */
  weights?: number[];
  /** kind "trees": nodes of each tree, root first; the score is the sum of the leaves reached. */
  trees?: TreeNode[][];
  /** How many first-stage candidates are reranked. */
  depth: number;
  prf: PrfSettings;
  /** What it was trained on and how (free text, also in docs/search.md). */
  trainedOn: string;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Checks a parsed JSON value; returns the reason it is not a model, or null. */
export function modelProblem(m: unknown): string | null {
  if (typeof m !== 'object' || m === null) return 'not a JSON object';
  const o = m as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT || o.version !== 1) return `format is not ${MODEL_FORMAT} version 1`;
  if (!Array.isArray(o.features) || o.features.length === 0) return 'features missing';
  if (!o.features.every((f) => (FEATURE_NAMES as readonly string[]).includes(f as string)))
    return 'unknown feature name';
  if (!Number.isInteger(o.depth) || (o.depth as number) < 1 || (o.depth as number) > 1000) return 'depth out of range';
  const prf = o.prf as Record<string, unknown> | undefined;
  if (!prf || !Number.isInteger(prf.docs) || !Number.isInteger(prf.terms) || !isNum(prf.lambda))
    return 'prf settings missing';
  const nf = o.features.length;
  if (o.kind === 'linear') {
    if (!Array.isArray(o.weights) || o.weights.length !== nf || !o.weights.every(isNum))
      return 'weights do not match features';
    return null;
  }
  if (o.kind === 'trees') {
    if (!Array.isArray(o.trees) || o.trees.length === 0) return 'trees missing';
    for (const tree of o.trees) {
      if (!Array.isArray(tree) || tree.length === 0) return 'empty tree';
      for (const [i, node] of tree.entries()) {
        const n = node as Record<string, unknown>;
        if (isNum(n.value)) continue;
        const childOk = (c: unknown) => Number.isInteger(c) && (c as number) > i && (c as number) < tree.length;
        if (!Number.isInteger(n.feature) || (n.feature as number) < 0 || (n.feature as number) >= nf)
          return 'tree feature out of range';
        if (!isNum(n.threshold) || !childOk(n.left) || !childOk(n.right)) return 'malformed tree node';
      }
    }
    return null;
  }
  return 'kind is neither linear nor trees';
}

export function readModelFile(file: string): { model: RerankModel | null; problem: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { model: null, problem: code === 'ENOENT' ? `${file} not found` : `${file} is not valid JSON` };
  }
  const problem = modelProblem(parsed);
  return problem ? { model: null, problem: `${file}: ${problem}` } : { model: parsed as RerankModel, problem: null };
}

/**
 * Scores feature rows (FEATURE_NAMES order). Rows are first normalised within the query (each feature
 * divided by its largest absolute value among the candidates) so a linear model's weights mean the same
 * for short and long queries; trees see the same normalised values.
 */
export function scoreRows(model: RerankModel, rows: readonly number[][]): number[] {
  const cols = model.features.map((f) => FEATURE_NAMES.indexOf(f));
  const x = normaliseRows(rows.map((r) => cols.map((c) => r[c]!)));
  if (model.kind === 'linear') {
    const w = model.weights!;
    return x.map((r) => r.reduce((s, v, i) => s + v * w[i]!, 0));
  }
  return x.map((r) => {
    let s = 0;
    for (const tree of model.trees!) s += evalTree(tree, r);
    return s;
  });
}

export function evalTree(tree: readonly TreeNode[], x: readonly number[]): number {
  let i = 0;
  for (;;) {
    const n = tree[i]!;
    if ('value' in n) return n.value;
    i = x[n.feature]! <= n.threshold ? n.left : n.right;
  }
}

export function normaliseRows(rows: readonly number[][]): number[][] {
  if (rows.length === 0) return [];
  const width = rows[0]!.length;
  const max = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) max[j] = Math.max(max[j]!, Math.abs(r[j]!));
  return rows.map((r) => r.map((v, j) => (max[j]! > 0 ? v / max[j]! : 0)));
}
