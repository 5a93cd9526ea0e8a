import type { Paper } from '../../src/core/paper.js';

let counter = 0;

/** A valid paper with sensible defaults; tests override only what they are about. */
export function makePaper(overrides: Partial<Paper> = {}): Paper {
  counter++;
  const arxivId = overrides.arxivId ?? `2401.${String(10000 + counter).slice(-5)}`;
  return {
    arxivId,
    version: 1,
    title: `A study of test paper ${counter}`,
    abstract: 'We study things carefully and report results.',
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing', affiliation: 'Bletchley Park' }],
    primaryCategory: 'cs.LG',
    categories: ['cs.LG', 'cs.AI'],
    comments: null,
    journalRef: null,
    doi: null,
    license: 'http://creativecommons.org/licenses/by/4.0/',
    publishedAt: '2024-01-02T10:00:00.000Z',
    updatedAt: '2024-01-02T10:00:00.000Z',
    versions: [{ version: 1, date: '2024-01-02T10:00:00.000Z' }],
    withdrawn: false,
    links: [],
    ...overrides,
  };
}
