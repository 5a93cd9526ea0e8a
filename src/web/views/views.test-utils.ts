// Test-only helpers: real arXiv records from the shared Kaggle sample, mapped to Paper with just enough
// care for view tests (the real mapping lives in ingest/). Not imported by production code.
import { readFileSync } from 'node:fs';
import type { Paper } from '../../core/paper.js';
import type { ChromeVM, DailyPageVM, PaperCardVM, PaperPageVM } from './view-models.js';

const SAMPLE = new URL(
  '../../../../shared/data/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl',
  import.meta.url,
);

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

export const anonymous: ChromeVM = { user: null, csrfToken: null };

export function card(paper: Paper, overrides: Partial<PaperCardVM> = {}): PaperCardVM {
  return {
    paper,
    listing: { listedOn: '2024-05-01', upvotes: 12, submittedBy: 'akhaliq', commentCount: 3, upvotedByViewer: false },
    codeUrl: null,
    ...overrides,
  };
}

export function dailyVM(overrides: Partial<DailyPageVM> = {}): DailyPageVM {
  return {
    chrome: anonymous,
    period: {
      kind: 'day',
      value: '2024-05-01',
      label: 'Wednesday, 1 May 2024',
      from: '2024-05-01',
      to: '2024-05-01',
      prevHref: '/papers/date/2024-04-30',
      nextHref: '/papers/date/2024-05-02',
      kindHrefs: { day: '/papers/date/2024-05-01', week: '/papers/week/2024-W18', month: '/papers/month/2024-05' },
    },
    sort: 'upvotes',
    sortHrefs: { upvotes: '?sort=upvotes', trending: '?sort=trending', newest: '?sort=newest' },
    items: samplePapers()
      .slice(0, 6)
      .map((p, i) => card(p, { rank: i + 1 })),
    page: 1,
    pageCount: 1,
    pageHref: (n) => `/papers/date/2024-05-01?page=${n}`,
    isFallback: false,
    ...overrides,
  };
}

export function paperVM(paper: Paper, overrides: Partial<PaperPageVM> = {}): PaperPageVM {
  return {
    chrome: anonymous,
    paper,
    listing: card(paper).listing,
    codeUrl: null,
    projectUrl: null,
    absUrl: `https://arxiv.org/abs/${paper.arxivId}`,
    pdfUrl: `https://arxiv.org/pdf/${paper.arxivId}`,
    htmlUrl: null,
    ...overrides,
  };
}
