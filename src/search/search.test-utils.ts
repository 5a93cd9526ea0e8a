// Typed helpers for tests: a complete SearchDocument with overridable fields, and a throwaway index file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SearchDocument } from './search.models.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';

export function makeDoc(overrides: Partial<SearchDocument> & { paperId: number }): SearchDocument {
  return {
    arxivId: `2401.${String(overrides.paperId).padStart(5, '0')}`,
    title: 'Untitled',
    abstract: '',
    authors: ['Ada Lovelace'],
    categories: ['cs.LG'],
    primaryCategory: overrides.categories?.[0] ?? 'cs.LG',
    publishedAt: '2024-01-15T00:00:00Z',
    hasCode: false,
    upvotes: 0,
    withdrawn: false,
    changeSeq: overrides.paperId,
    ...overrides,
  };
}

export function tempIndex(): { index: SearchIndex; dir: string; file: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-search-test-'));
  const file = path.join(dir, 'search.db');
  const index = openSearchIndex({ path: file });
  return {
    index,
    dir,
    file,
    dispose: () => {
      index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
