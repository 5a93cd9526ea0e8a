// Readers for the BEIR folder layout: corpus.jsonl, queries.jsonl, qrels/<split>.tsv (with a header row).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SearchIndexError } from '../search.errors.js';
import type { Judgments } from './metrics.js';

export interface BeirDoc {
  _id: string;
  title: string;
  text: string;
}

export interface BeirQuery {
  _id: string;
  text: string;
  metadata?: Record<string, unknown>;
}

function fail(message: string): never {
  throw new SearchIndexError({ code: 'search.eval_dataset', message });
}

export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) fail(`dataset file not found: ${file}`);
  const out: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        fail(`${file}:${i + 1}: not valid JSON`);
      }
    });
  return out;
}

export function readCorpus(datasetDir: string): BeirDoc[] {
  return readJsonl<BeirDoc>(path.join(datasetDir, 'corpus.jsonl')).map((d, i) => {
    if (d == null || (typeof d._id !== 'string' && typeof d._id !== 'number'))
      fail(`corpus.jsonl line ${i + 1}: no _id`);
    return { _id: String(d._id), title: String(d.title ?? ''), text: String(d.text ?? '') };
  });
}

export function readQueries(datasetDir: string): Map<string, BeirQuery> {
  const out = new Map<string, BeirQuery>();
  for (const q of readJsonl<BeirQuery>(path.join(datasetDir, 'queries.jsonl'))) {
    if (q == null || q._id == null) fail('queries.jsonl: a query without _id');
    out.set(String(q._id), { ...q, _id: String(q._id), text: String(q.text ?? '') });
  }
  return out;
}

export function readQrels(datasetDir: string, split: string): Map<string, Map<string, number>> {
  const file = path.join(datasetDir, 'qrels', `${split}.tsv`);
  if (!existsSync(file)) fail(`qrels not found: ${file}`);
  const out = new Map<string, Map<string, number>>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && /query/i.test(line))) return;
    const [qid, docId, score] = line.split('\t');
    const rel = Number(score);
    if (!qid || !docId || !Number.isFinite(rel)) fail(`${file}:${i + 1}: expected "query-id<TAB>corpus-id<TAB>score"`);
    const judged = out.get(qid) ?? new Map<string, number>();
    judged.set(docId, rel);
    out.set(qid, judged);
  });
  return out as Map<string, Map<string, number>> & Map<string, Judgments>;
}
