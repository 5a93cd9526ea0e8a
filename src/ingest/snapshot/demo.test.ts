// The shipped demo file must import cleanly through the real importer and match a fresh build byte for byte.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_PATH } from '../../../scripts/build-demo.js';
import type { Paper } from '../../core/paper.js';
import { type ImportSummary, importSnapshot } from './import.js';

const papers = new Map<string, Paper>();
let summary: ImportSummary;

beforeAll(async () => {
  summary = await importSnapshot({
    path: DEMO_PATH,
    upsertBatch: async (batch) => {
      for (const paper of batch) papers.set(paper.arxivId, paper);
      return { inserted: batch.length, updated: 0, unchanged: 0 };
    },
  });
});

describe('demo/arxiv-demo.jsonl.gz', () => {
  it('imports all 4,399 papers with zero malformed lines', () => {
    expect(summary).toMatchObject({ lines: 4399, papers: 4399, malformed: 0, duplicates: 0 });
  });

  it('is exactly what scripts/build-demo.ts builds now', () => {
    const { gz, counts } = buildDemo();
    expect(counts).toEqual({ kaggle: 200, arxivDb: 508, quantPh: 3691, total: 4399 });
    expect(gz.equals(readFileSync(DEMO_PATH))).toBe(true);
  });

  it('keeps the Kaggle record where the sources overlap', () => {
    expect(papers.get('0704.0046')!.abstract).toMatch(/^In a quantum mechanical model, Diosi, Feldmann and Kosloff/);
    expect(papers.get('0704.0001')!.authors[0]!.name).toBe('C. Balázs');
  });

  it('merges arXiv DB version rows into one paper with every version and the primary category first', () => {
    const paper = papers.get('chao-dyn/9510015')!;
    expect(paper.categories).toEqual(['chao-dyn', 'ao-sci', 'nlin.CD']);
    const multi = papers.get('1101.2483')!;
    expect(multi.versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(multi.version).toBe(4);
  });

  it('keeps arXiv DB withdrawals visible as withdrawn papers', () => {
    for (const id of [
      '0901.3666',
      '0903.0442',
      '0906.3336',
      '1101.2483',
      '1101.6031',
      '1102.0219',
      'cond-mat/0703772',
    ]) {
      expect(papers.get(id)!.withdrawn, id).toBe(true);
    }
    expect(papers.get('0908.3762')!.withdrawn).toBe(false);
  });

  it('undoes the MySQL escaping of the arXiv test database', () => {
    const abstract = papers.get('0704.0248')!.abstract;
    expect(abstract).toContain('{\\it transformation media}');
    expect(abstract).not.toContain('\\\\');
    expect(papers.get('0901.2279')!.abstract).toContain('"semi-classical"');
  });

  it('leaves quant-ph 2008 papers without invented authors or versions', () => {
    const paper = papers.get('0801.0282')!;
    expect(paper).toMatchObject({ authors: [], versions: [], version: 1, primaryCategory: 'quant-ph' });
    expect(paper.publishedAt).toBe('2008-01-01T00:00:00.000Z');
    expect(paper.title).toBe('Smooth Renyi Entropies and the Quantum Information Spectrum');
  });
});
