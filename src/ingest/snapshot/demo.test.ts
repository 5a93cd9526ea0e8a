// The shipped demo files must import cleanly through the real importer and match a fresh build byte for byte.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_LISTINGS_PATH, DEMO_PATH } from '../../../scripts/build-demo.js';
import type { Paper } from '../../core/paper.js';
import { type ImportSummary, importSnapshot } from './import.js';

const papers = new Map<string, Paper>();
let summary: ImportSummary;
// The independent oracle: the source file itself.
const source = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/hf-papers-2024/papers.json', import.meta.url), 'utf8'),
) as Record<string, { title: string; authors: string[]; abstract: string; publication_date: string; upvotes: number }>;

beforeAll(async () => {
  summary = await importSnapshot({
    path: DEMO_PATH,
    upsertBatch: async (batch) => {
      for (const paper of batch) papers.set(paper.arxivId, paper);
      return { inserted: batch.length, updated: 0, unchanged: 0 };
    },
  });
});

describe('demo/arxiv-demo.jsonl.gz and demo/demo-listings.json', () => {
  it('imports all 753 papers with zero malformed lines', () => {
    expect(summary).toMatchObject({ lines: 753, papers: 753, malformed: 0, duplicates: 0 });
  });

  it('are exactly what scripts/build-demo.ts builds now', () => {
    const { gz, listings, counts } = buildDemo({
      dataDir: fileURLToPath(new URL('../../../test/fixtures/', import.meta.url)),
    });
    expect(counts).toEqual({ papers: 753, upvotes: 16201, maxUpvotes: 553 });
    expect(gz.equals(readFileSync(DEMO_PATH))).toBe(true);
    expect(listings).toBe(readFileSync(DEMO_LISTINGS_PATH, 'utf8'));
  });

  it('keeps titles, authors, abstracts and first-version times as the source gives them', () => {
    for (const [id, s] of Object.entries(source)) {
      const paper = papers.get(id)!;
      expect(paper.title, id).toBe(s.title.replace(/\s+/g, ' ').trim());
      expect(
        paper.authors.map((a) => a.name),
        id,
      ).toEqual(s.authors.map((a) => a.trim()));
      expect(paper.abstract, id).toBe(s.abstract.replace(/\s+/g, ' ').trim());
      expect(paper.publishedAt, id).toBe(new Date(s.publication_date).toISOString());
    }
  });

  it('invents no categories, affiliations, comments or versions', () => {
    for (const paper of papers.values()) {
      expect(paper).toMatchObject({
        categories: [],
        primaryCategory: '',
        comments: null,
        version: 1,
        journalRef: null,
      });
      expect(paper.authors.every((a) => a.affiliation === undefined)).toBe(true);
    }
  });

  it('has code links only where the abstract names them', () => {
    const withCode = [...papers.values()].filter((p) => p.links.length > 0);
    expect(withCode.length).toBeGreaterThan(50);
    for (const paper of withCode) {
      const text = source[paper.arxivId]!.abstract.replace(/\s+/g, '').toLowerCase();
      for (const link of paper.links) {
        // The extractor normalises hosts (hf.co → huggingface.co), so the owner or first path part is the check.
        const url = new URL(link.url);
        const part = url.pathname.split('/').find((p) => p) ?? url.hostname.replace(/^www\./, '');
        expect(text, `${paper.arxivId} ${link.url}`).toContain(decodeURIComponent(part).toLowerCase());
      }
    }
  });

  it('lists every paper once, in order of publication, with its Hugging Face upvote count', () => {
    const listings = JSON.parse(readFileSync(DEMO_LISTINGS_PATH, 'utf8')) as Array<{
      arxivId: string;
      publishedAt: string;
      upvotes: number;
    }>;
    expect(listings.map((l) => l.arxivId).sort()).toEqual(Object.keys(source).sort());
    for (let i = 1; i < listings.length; i++)
      expect(listings[i]!.publishedAt >= listings[i - 1]!.publishedAt).toBe(true);
    for (const l of listings) expect(l.upvotes, l.arxivId).toBe(source[l.arxivId]!.upvotes);
  });
});
