// Offline evaluation of keyword extraction (src/keywords/extract.ts) against the keywords Hugging Face shows on its
// Daily Papers (`ai_keywords`, 6–14 phrases a paper, written by an LLM): 30 real papers of
// ../shared/data/hf-daily-papers/daily_papers.sotawhat.2026-06.json. No Inspec/SemEval/KP20k-style set is in npm or
// in ../shared/data; HF's keywords are the closest public reference, and they are what a reader moving from HF
// expects to see. Document frequencies come from those 30 papers plus the 753 HF papers of ../shared/data/hf-papers-2024.
//
//   npx tsx scripts/eval-keywords.ts
//
// A prediction matches a gold keyword when both normalise to the same words (lowercase, hyphens as spaces, plural
// "s" dropped), the usual exact-match F1@k of keyphrase evaluation; "partial" also counts a prediction whose words
// all occur in one gold keyword, or the other way round (e.g. "KV-cache" for "KV-cache communication").
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CorpusStats, extractKeywords, keywordKey } from '../src/keywords/extract.js';
import { KEYWORD_STOP_WORDS } from '../src/keywords/keyword-words.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));

interface Doc {
  title: string;
  abstract: string;
  gold?: string[];
}

function load(): { evalDocs: Doc[]; corpus: Doc[] } {
  const hf = JSON.parse(readFileSync(`${DATA}hf-daily-papers/daily_papers.sotawhat.2026-06.json`, 'utf8')) as Array<{
    paper: { title: string; summary: string; ai_keywords?: string[] };
  }>;
  const evalDocs = hf
    .filter((i) => (i.paper.ai_keywords?.length ?? 0) > 0)
    .map((i) => ({ title: i.paper.title, abstract: i.paper.summary, gold: i.paper.ai_keywords }));
  const papers = JSON.parse(readFileSync(`${DATA}hf-papers-2024/papers.json`, 'utf8')) as Record<
    string,
    { title: string; abstract: string }
  >;
  return { evalDocs, corpus: [...evalDocs, ...Object.values(papers)] };
}

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function corpusStats(corpus: Doc[]): CorpusStats {
  const df = new Map<string, number>();
  for (const d of corpus) {
    for (const w of new Set(wordsOf(`${d.title} ${d.abstract}`).map((w) => keywordKey([w])))) {
      df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  return {
    docCount: corpus.length,
    documentFrequencies: (words) => words.map((w) => df.get(keywordKey([w.replace(/[-']/g, '')])) ?? 0),
  };
}

/** Top tf-idf single words: the baseline the issue asks for. */
function tfidfBaseline({ doc, stats, limit }: { doc: Doc; stats: CorpusStats; limit: number }): string[] {
  const tf = new Map<string, number>();
  for (const w of wordsOf(`${doc.title} ${doc.abstract}`)) {
    if (KEYWORD_STOP_WORDS.has(w) || w.length < 3 || /^\d+$/.test(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  const words = [...tf.keys()];
  const df = stats.documentFrequencies(words);
  return words
    .map((w, i) => ({ w, s: tf.get(w)! * Math.log(stats.docCount / (1 + df[i]!)) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, limit)
    .map((x) => x.w);
}

const norm = (phrase: string) => keywordKey(phrase.replace(/[-_/]/g, ' ').split(/\s+/).filter(Boolean));

function f1At({ predicted, gold, k, partial }: { predicted: string[]; gold: string[]; k: number; partial: boolean }) {
  const p = predicted.slice(0, k).map(norm);
  const g = gold.map(norm);
  const same = (a: string, b: string) => {
    if (a === b) return true;
    if (!partial) return false;
    const wa = a.split(' ');
    const wb = new Set(b.split(' '));
    return wa.every((w) => wb.has(w)) || [...wb].every((w) => wa.includes(w));
  };
  const hitsP = p.filter((x) => g.some((y) => same(x, y))).length;
  const hitsG = g.filter((y) => p.some((x) => same(x, y))).length;
  const precision = p.length ? hitsP / p.length : 0;
  const recall = g.length ? hitsG / g.length : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function main() {
  const { evalDocs, corpus } = load();
  const stats = corpusStats(corpus);
  const systems = {
    'tf-idf words (baseline)': (doc: Doc) => tfidfBaseline({ doc, stats, limit: 10 }),
    'keywords (src/keywords)': (doc: Doc) => extractKeywords({ title: doc.title, abstract: doc.abstract, stats }),
  };
  const verbose = process.argv.includes('--verbose');
  console.log(`${evalDocs.length} papers, ${corpus.length} in the document-frequency corpus`);
  console.log('system                    F1@5   F1@10  partial F1@5  partial F1@10');
  for (const [name, run] of Object.entries(systems)) {
    const rows = evalDocs.map((doc) => {
      const predicted = run(doc);
      if (verbose && name.startsWith('keywords'))
        console.log(`- ${doc.title}\n  ours: ${predicted.join(' | ')}\n  HF:   ${doc.gold!.join(' | ')}`);
      return [5, 10].flatMap((k) => [false, true].map((partial) => f1At({ predicted, gold: doc.gold!, k, partial })));
    });
    const mean = (i: number) => rows.reduce((s, r) => s + r[i]!, 0) / rows.length;
    const cell = (x: number) => x.toFixed(3).padEnd(7);
    console.log(`${name.padEnd(26)}${cell(mean(0))}${cell(mean(2))}${cell(mean(1)).padEnd(14)}${cell(mean(3))}`);
  }
}

main();
