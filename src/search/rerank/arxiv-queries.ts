// Training queries for the reranker from licence-clean data only: the CC0 arXiv metadata in shared/data
// (the Kaggle sample, arXiv's own test-DB rows, the 2008 quant-ph harvest, the 2024 Hugging Face papers).
// Each query is one sentence of a paper's abstract, chosen by a seeded PRNG, and the paper is indexed
// with that sentence removed: the query must find its paper through the rest of the abstract and the
// title — the claim-to-abstract task SciFact measures, without any SciFact text. SciFact and CSFCube are
// evaluation-only (non-commercial licences); nothing from them reaches the training set.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../core/random.js';
import { loadArxivSamples } from '../eval/synthetic.js';

export interface SentenceQuerySet {
  corpus: { _id: string; title: string; text: string }[];
  queries: { _id: string; text: string }[];
  /** query id → the id of its paper. */
  qrels: Map<string, string>;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Sentences of an abstract: a period, ! or ? followed by space and a capital letter ends one. */
export function sentencesOf(abstract: string): string[] {
  return squash(abstract)
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .filter((s) => s.length > 0);
}

/** All the CC0 papers in shared/data (title + abstract), deduplicated by title, in a fixed order. */
export function licenceCleanPapers(dataDir: string): { title: string; abstract: string }[] {
  const samples = loadArxivSamples({ dataDir });
  const papers = samples.titles.map((title, i) => ({ title, abstract: samples.abstracts[i]! }));
  const hf = JSON.parse(readFileSync(path.join(dataDir, 'hf-papers-2024/papers.json'), 'utf8')) as Record<
    string,
    { title: string; abstract: string }
  >;
  for (const id of Object.keys(hf).sort())
    papers.push({ title: squash(hf[id]!.title), abstract: squash(hf[id]!.abstract) });
  const seen = new Set<string>();
  return papers.filter((p) => {
    const key = p.title.toLowerCase();
    if (seen.has(key) || p.abstract.length < 200) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What becomes a query: "sentence" — any sentence of 8–40 words; "finding" — a sentence that states a result
 * (FINDING_CUE, or else the abstract's last sentence), the kind of statement a SciFact claim is; "title" — the
 * title, with the paper indexed without it (the query must find the paper through its abstract).
 */
export type QueryKind = 'sentence' | 'finding' | 'title';
export const QUERY_KINDS: readonly QueryKind[] = ['sentence', 'finding', 'title'];

/** Words with which abstracts state their findings ("we show that", "is associated with", "reduces"). */
export const FINDING_CUE =
  /\b(we (show|find|found|demonstrate|report|observe)|show(s|ed)? that|suggest|indicat|demonstrat|reveal|associated with|leads? to|increase|decrease|reduc|improv|enhanc|inhibit|outperform|depend)/i;

export function buildSentenceQueries({
  dataDir,
  seed = 18,
  kind = 'sentence',
}: {
  dataDir: string;
  seed?: number;
  kind?: QueryKind;
}): SentenceQuerySet {
  return queriesOfPapers(licenceCleanPapers(dataDir), { seed, kind });
}

/** The query set of any list of papers (ids a1…, q1… by position). */
export function queriesOfPapers(
  papers: readonly { title: string; abstract: string }[],
  { seed = 18, kind = 'sentence' }: { seed?: number; kind?: QueryKind } = {},
): SentenceQuerySet {
  const random = seededRandom(seed);
  const out: SentenceQuerySet = { corpus: [], queries: [], qrels: new Map() };
  papers.forEach((p, i) => {
    const id = `a${i + 1}`;
    if (kind === 'title') {
      const words = p.title.split(' ').length;
      const usable = words >= 4 && !/\$/.test(p.title);
      out.corpus.push({ _id: id, title: usable ? '' : p.title, text: p.abstract });
      if (usable) {
        out.queries.push({ _id: `q${i + 1}`, text: p.title });
        out.qrels.set(`q${i + 1}`, id);
      }
      return;
    }
    const sentences = sentencesOf(p.abstract);
    // A sentence of 8–40 words, from abstracts that keep at least two others.
    const eligible = sentences
      .map((s, j) => ({ s, j }))
      .filter(({ s }) => {
        const words = s.split(' ').length;
        return words >= 8 && words <= 40 && !/\$/.test(s);
      });
    const findings = eligible.filter(({ s }) => FINDING_CUE.test(s));
    const last = eligible.filter(({ j }) => j === sentences.length - 1);
    const pool = kind === 'finding' ? (findings.length > 0 ? findings : last) : eligible;
    const pick = sentences.length >= 3 && pool.length > 0 ? pool[Math.floor(random() * pool.length)]! : null;
    const text = pick ? sentences.filter((_, j) => j !== pick.j).join(' ') : p.abstract;
    out.corpus.push({ _id: id, title: p.title, text });
    if (pick) {
      out.queries.push({ _id: `q${i + 1}`, text: pick.s });
      out.qrels.set(`q${i + 1}`, id);
    }
  });
  return out;
}

/** Writes the set in BEIR layout (qrels/train.tsv), so `dailypapers eval` and the trainer read it as any benchmark. */
export function writeBeirLayout(set: SentenceQuerySet, dir: string): void {
  mkdirSync(path.join(dir, 'qrels'), { recursive: true });
  writeFileSync(path.join(dir, 'corpus.jsonl'), `${set.corpus.map((d) => JSON.stringify(d)).join('\n')}\n`);
  writeFileSync(path.join(dir, 'queries.jsonl'), `${set.queries.map((q) => JSON.stringify(q)).join('\n')}\n`);
  const rows = ['query-id\tcorpus-id\tscore', ...[...set.qrels].map(([q, d]) => `${q}\t${d}\t1`)];
  writeFileSync(path.join(dir, 'qrels', 'train.tsv'), `${rows.join('\n')}\n`);
}
