// Real arXiv records from the Kaggle sample in test/fixtures (CC0 metadata), mapped to Paper with just enough care
// for view and rendering tests (the real mapping lives in ingest/). Below every layer, so render/ and web/ tests
// alike can use it.
import { readFileSync } from 'node:fs';
import type { Paper } from '../../src/core/paper.js';
import { fixtureUrl } from './fixtures.js';

const SAMPLE = fixtureUrl('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl');

interface KaggleRow {
  id: string;
  title: string;
  abstract: string;
  authors_parsed: string[][];
  categories: string;
  comments: string | null;
  'journal-ref': string | null;
  doi: string | null;
  license: string | null;
  versions: Array<{ version: string; created: string }>;
}

let cache: Paper[] | null = null;

export function samplePapers(): Paper[] {
  cache ??= readFileSync(SAMPLE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => toPaper(JSON.parse(line) as KaggleRow));
  return cache;
}

export function samplePaper(arxivId: string): Paper {
  const paper = samplePapers().find((p) => p.arxivId === arxivId);
  if (!paper) throw new Error(`no sample paper ${arxivId}`);
  return paper;
}

function toPaper(row: KaggleRow): Paper {
  const versions = row.versions.map((v) => ({
    version: Number(v.version.slice(1)),
    date: new Date(v.created).toISOString(),
  }));
  const categories = row.categories.split(' ');
  return {
    arxivId: row.id,
    version: versions.at(-1)?.version ?? 1,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors_parsed.map(([family, given]) => ({ name: [given, family].filter(Boolean).join(' ') })),
    primaryCategory: categories[0]!,
    categories,
    comments: row.comments,
    journalRef: row['journal-ref'],
    doi: row.doi,
    license: row.license,
    publishedAt: versions[0]!.date,
    updatedAt: versions.at(-1)!.date,
    versions,
    withdrawn: false,
    links: [],
  };
}
