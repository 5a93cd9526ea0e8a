// Builds the bundled demo from shared/data/hf-papers-2024 (753 papers featured on Hugging Face Daily Papers,
// 30 Nov 2023 – 5 Apr 2024; CC0 arXiv metadata plus the upvote counts the page showed):
//   - demo/arxiv-demo.jsonl.gz: the papers in the arXiv snapshot JSON Lines format, so `dailypapers import` reads
//     it like any snapshot. Only what the file gives: no categories, affiliations or comments are invented, the
//     one known version is v1 (arXiv's first-version time), authors are the file's names, each kept whole;
//   - demo/demo-listings.json: arXiv id, first-version time and upvote count, in order of publication, which
//     src/demo/load-demo.ts turns into listings over recent days and votes of demo readers.
// The output is byte-for-byte deterministic: fixed order, fixed gzip level, no timestamps. See demo/README.md.
//
//   npx tsx scripts/build-demo.ts

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const DEFAULT_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const DEMO_PATH = fileURLToPath(new URL('../demo/arxiv-demo.jsonl.gz', import.meta.url));
export const DEMO_LISTINGS_PATH = fileURLToPath(new URL('../demo/demo-listings.json', import.meta.url));

interface HfPaper {
  url: string;
  title: string;
  authors: string[];
  abstract: string;
  publication_date: string;
  upvotes: number;
}

export interface DemoListingEntry {
  arxivId: string;
  /** arXiv's first-version time, ISO-8601 UTC. */
  publishedAt: string;
  upvotes: number;
}

export interface DemoBuild {
  gz: Buffer;
  listings: string;
  counts: { papers: number; upvotes: number; maxUpvotes: number };
}

export function buildDemo(opts: { dataDir?: string } = {}): DemoBuild {
  const dataDir = opts.dataDir ?? DEFAULT_DATA;
  const source = JSON.parse(readFileSync(resolve(dataDir, 'hf-papers-2024/papers.json'), 'utf8')) as Record<
    string,
    HfPaper
  >;
  const entries = Object.entries(source).map(([id, paper]) => ({ id, paper, publishedAt: isoTime(id, paper) }));
  const byId = [...entries].sort((a, b) => compare(a.id, b.id));
  const text = byId.map(({ id, paper, publishedAt }) => `${JSON.stringify(toSnapshot(id, paper, publishedAt))}\n`);
  const inOrder = [...entries].sort((a, b) => compare(a.publishedAt, b.publishedAt) || compare(a.id, b.id));
  const listings = inOrder.map(
    ({ id, paper, publishedAt }): DemoListingEntry => ({ arxivId: id, publishedAt, upvotes: paper.upvotes }),
  );
  const upvotes = listings.map((l) => l.upvotes);
  return {
    gz: gzipSync(text.join(''), { level: 9 }),
    // One entry a line, so a rebuild's diff reads paper by paper.
    listings: `[\n${listings.map((l) => JSON.stringify(l)).join(',\n')}\n]\n`,
    counts: {
      papers: entries.length,
      upvotes: upvotes.reduce((a, b) => a + b, 0),
      maxUpvotes: Math.max(...upvotes),
    },
  };
}

/** One snapshot record; every field the source lacks is null or empty rather than guessed. */
function toSnapshot(id: string, paper: HfPaper, publishedAt: string) {
  if (!Array.isArray(paper.authors) || paper.authors.some((a) => typeof a !== 'string' || !a.trim())) {
    throw new Error(`hf-papers-2024: ${id} has an unreadable author list`);
  }
  return {
    id,
    submitter: null,
    authors: paper.authors.join(', '),
    title: paper.title,
    comments: null,
    'journal-ref': null,
    doi: null,
    'report-no': null,
    // The source has no arXiv categories; an empty list is what the importer reads as "none known".
    categories: '',
    license: null,
    abstract: paper.abstract,
    versions: [{ version: 'v1', created: rfc1123(publishedAt) }],
    update_date: publishedAt.slice(0, 10),
    // Each name whole (in the family-name slot), exactly as the file gives it: no split is guessed, and names
    // holding "and" or a comma cannot be cut apart by the free-text author parser.
    authors_parsed: paper.authors.map((name) => [name.trim(), '', '']),
  };
}

function isoTime(id: string, paper: HfPaper): string {
  const ms = Date.parse(paper.publication_date);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(paper.publication_date) || Number.isNaN(ms)) {
    throw new Error(`hf-papers-2024: ${id} has an unreadable publication_date ${paper.publication_date}`);
  }
  if (!Number.isInteger(paper.upvotes) || paper.upvotes < 0) {
    throw new Error(`hf-papers-2024: ${id} has an unreadable upvote count ${paper.upvotes}`);
  }
  return new Date(ms).toISOString();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-04-05T16:29:58.000Z" → "Fri, 5 Apr 2024 16:29:58 GMT", the snapshot's version date format. */
function rfc1123(iso: string): string {
  const date = new Date(iso);
  const hms = iso.slice(11, 19);
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${hms} GMT`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { gz, listings, counts } = buildDemo();
  writeFileSync(DEMO_PATH, gz);
  writeFileSync(DEMO_LISTINGS_PATH, listings);
  const sha = createHash('sha256').update(gz).digest('hex');
  console.log(
    `wrote ${DEMO_PATH}: ${counts.papers} papers, ${gz.length} bytes, sha256 ${sha}\n` +
      `wrote ${DEMO_LISTINGS_PATH}: ${counts.upvotes} upvotes in all, at most ${counts.maxUpvotes} on one paper`,
  );
}
