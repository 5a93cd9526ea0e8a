// Test-only view-model builders over real arXiv records (test/support/sample-papers.ts).
import { samplePapers } from '../../../test/support/sample-papers.js';
import type { Paper } from '../../core/paper.js';
import type { ChromeVM, DailyPageVM, PaperCardVM, PaperPageVM } from './view-models.js';

export { samplePaper, samplePapers } from '../../../test/support/sample-papers.js';

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
