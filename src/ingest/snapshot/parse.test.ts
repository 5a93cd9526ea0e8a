import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotLineError } from './errors.js';
import { parseSnapshotLine, rfc1123ToIso } from './parse.js';

const samplePath = new URL(
  '../../../test/fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl',
  import.meta.url,
);
const sampleLines = readFileSync(samplePath, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0);
const sampleRecord = (id: string) =>
  JSON.parse(sampleLines.find((l) => l.includes(`"id":"${id}"`))!) as Record<string, unknown>;
const parseRecord = (record: unknown, lineNumber = 7) =>
  parseSnapshotLine({ line: JSON.stringify(record), lineNumber });

function lineError(line: string, lineNumber = 42): SnapshotLineError {
  try {
    parseSnapshotLine({ line, lineNumber });
  } catch (error) {
    if (error instanceof SnapshotLineError) return error;
    throw error;
  }
  throw new Error('expected the line to be rejected');
}

describe('parseSnapshotLine on the real Kaggle sample', () => {
  it('parses every one of the 200 lines into a paper with a distinct id', () => {
    const papers = sampleLines.map((line, i) => parseSnapshotLine({ line, lineNumber: i + 1 }));
    expect(papers).toHaveLength(200);
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(200);
    for (const paper of papers) {
      expect(paper.title).not.toMatch(/\n|^\s|\s$|\s{2}/);
      expect(paper.abstract).not.toMatch(/\n|^\s|\s$|\s{2}/);
      expect(paper.categories[0]).toBe(paper.primaryCategory);
      expect(paper.versions.at(-1)!.version).toBe(paper.version);
      expect(paper.publishedAt <= paper.updatedAt).toBe(true);
    }
  });

  it('reads 0704.0001 field by field', () => {
    const paper = parseSnapshotLine({ line: sampleLines[0]!, lineNumber: 1 });
    expect(paper).toMatchObject({
      arxivId: '0704.0001',
      version: 2,
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      primaryCategory: 'hep-ph',
      categories: ['hep-ph'],
      comments: '37 pages, 15 figures; published version',
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      license: null,
      publishedAt: '2007-04-02T19:18:42.000Z',
      updatedAt: '2007-07-24T20:10:27.000Z',
      withdrawn: false,
      links: [],
    });
    expect(paper.authors.map((a) => a.name)).toEqual(['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
    expect(
      paper.abstract.startsWith('A fully differential calculation in perturbative quantum chromodynamics is presented'),
    ).toBe(true);
    expect(paper.versions).toEqual([
      { version: 1, date: '2007-04-02T19:18:42.000Z' },
      { version: 2, date: '2007-07-24T20:10:27.000Z' },
    ]);
  });

  it('splits categories with the first as primary and keeps the license URL', () => {
    const paper = parseRecord(sampleRecord('0704.0002'));
    expect(paper.categories).toEqual(['math.CO', 'cs.CG']);
    expect(paper.primaryCategory).toBe('math.CO');
    expect(paper.license).toBe('http://arxiv.org/licenses/nonexclusive-distrib/1.0/');
    expect(paper.authors.map((a) => a.name)).toEqual(['Ileana Streinu', 'Louis Theran']);
  });

  it('keeps affiliations from authors_parsed but not footnote markers like "1 and 2"', () => {
    expect(parseRecord(sampleRecord('0704.0044')).authors[0]).toEqual({
      name: 'A. A. Schekochihin',
      affiliation: 'Oxford',
    });
    expect(parseRecord(sampleRecord('0704.0025')).authors[0]).toEqual({ name: 'A. S. Mishchenko' });
  });

  it('marks 0704.0156 withdrawn from its comments', () => {
    expect(parseRecord(sampleRecord('0704.0156')).withdrawn).toBe(true);
  });
});

describe('parseSnapshotLine field rules', () => {
  const base = sampleRecord('0704.0001');

  it('recognises the wordings arXiv uses for withdrawals and nothing else', () => {
    const withdrawn = (comments: string) => parseRecord({ ...base, comments }).withdrawn;
    expect(withdrawn('Withdrawn')).toBe(true);
    expect(withdrawn('5 pages, 1 figures. This paper has been withdrawn by the author')).toBe(true);
    expect(withdrawn('The paper has been withdrawn by the author due to a crucial error')).toBe(true);
    expect(withdrawn('This submission has been withdrawn by arXiv administrators')).toBe(true);
    expect(withdrawn('Under revision; 12 pages')).toBe(false);
    expect(withdrawn('We discuss withdrawn drugs, 10 pages')).toBe(false);
  });

  it('collects code links from the abstract first, then the comments', () => {
    const paper = parseRecord({
      ...base,
      abstract: '  We release code at\nhttps://github.com/alpha/beta.\n',
      comments: '12 pages. Project page: https://alpha.github.io/beta/',
    });
    expect(paper.links).toEqual([
      { kind: 'github', url: 'https://github.com/alpha/beta' },
      { kind: 'project', url: 'https://alpha.github.io/beta' },
    ]);
  });

  it('falls back to the free-text authors field when authors_parsed is missing', () => {
    const paper = parseRecord({ ...base, authors_parsed: undefined });
    expect(paper.authors.map((a) => a.name)).toEqual(['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
  });

  it('uses update_date when there are no versions, without inventing a version list', () => {
    const paper = parseRecord({ ...base, versions: [], update_date: '2008-01-02' });
    expect(paper).toMatchObject({ version: 1, versions: [], publishedAt: '2008-01-02T00:00:00.000Z' });
    expect(paper.updatedAt).toBe('2008-01-02T00:00:00.000Z');
  });

  it('accepts old-style identifiers and strips a version suffix from the id', () => {
    expect(parseRecord({ ...base, id: 'hep-th/9901001' }).arxivId).toBe('hep-th/9901001');
    expect(parseRecord({ ...base, id: '0704.0001v2' }).arxivId).toBe('0704.0001');
  });

  it('orders versions by number even when the line lists them out of order', () => {
    const versions = [...(base.versions as object[])].reverse();
    expect(parseRecord({ ...base, versions }).publishedAt).toBe('2007-04-02T19:18:42.000Z');
  });

  it('converts RFC-1123 dates to ISO-8601 UTC and rejects non-dates', () => {
    expect(rfc1123ToIso('Sat, 31 Mar 2007 02:26:18 GMT')).toBe('2007-03-31T02:26:18.000Z');
    expect(rfc1123ToIso('2 Apr 2007 19:18:42 GMT')).toBe('2007-04-02T19:18:42.000Z');
    expect(rfc1123ToIso('Fri, 29 Feb 2008 23:59:59 GMT')).toBe('2008-02-29T23:59:59.000Z');
    expect(rfc1123ToIso('Thu, 29 Feb 2007 10:00:00 GMT')).toBeNull();
    expect(rfc1123ToIso('Mon, 0 Apr 2007 10:00:00 GMT')).toBeNull();
    expect(rfc1123ToIso('Mon, 2 Apr 2007 24:00:00 GMT')).toBeNull();
    expect(rfc1123ToIso('1')).toBeNull();
    expect(rfc1123ToIso('')).toBeNull();
  });
});

describe('parseSnapshotLine on malformed lines', () => {
  const base = sampleRecord('0704.0001');

  it('names broken JSON and a truncated line with the line number', () => {
    expect(lineError('{"id":"0704.0001","title":', 199)).toMatchObject({ lineNumber: 199, problem: 'not_json' });
    expect(lineError(sampleLines[0]!.slice(0, 300)).message).toMatch(/^line 42: not valid JSON/);
  });

  it('rejects lines that are JSON but not an object', () => {
    expect(lineError('[1,2,3]')).toMatchObject({ problem: 'not_object', code: 'snapshot.not_object' });
    expect(lineError('"0704.0001"').message).toContain('got string');
  });

  it('names a missing or non-arXiv id', () => {
    expect(lineError(JSON.stringify({ ...base, id: undefined }))).toMatchObject({ problem: 'missing_id' });
    expect(lineError(JSON.stringify({ ...base, id: 'not-an-id' })).message).toBe(
      'line 42: "id" "not-an-id" is not an arXiv identifier',
    );
    expect(lineError(JSON.stringify({ ...base, id: 'https://arxiv.org/abs/0704.0001' })).problem).toBe('bad_id');
    expect(lineError(JSON.stringify({ ...base, id: '0713.0001' })).problem).toBe('bad_id');
  });

  it('names a missing title, missing categories and fields of the wrong type', () => {
    expect(lineError(JSON.stringify({ ...base, title: '  \n ' })).message).toBe(
      'line 42: missing "title" for 0704.0001',
    );
    expect(lineError(JSON.stringify({ ...base, categories: undefined })).problem).toBe('missing_categories');
    expect(lineError(JSON.stringify({ ...base, categories: null })).problem).toBe('missing_categories');
    expect(lineError(JSON.stringify({ ...base, title: 12 })).message).toBe(
      'line 42: "title" should be a string, got number',
    );
    expect(lineError(JSON.stringify({ ...base, versions: 'v1' })).problem).toBe('bad_field');
  });

  it('reads an empty category list as a paper without categories, inventing none', () => {
    const paper = parseSnapshotLine({ line: JSON.stringify({ ...base, categories: '' }), lineNumber: 1 });
    expect(paper).toMatchObject({ categories: [], primaryCategory: '' });
  });

  it('names unreadable dates and a record without any date', () => {
    const badVersion = [{ version: 'v1', created: 'yesterday' }];
    expect(lineError(JSON.stringify({ ...base, versions: badVersion })).message).toBe(
      'line 42: versions[0].created "yesterday" is not an RFC-1123 date',
    );
    expect(lineError(JSON.stringify({ ...base, versions: [], update_date: null })).problem).toBe('missing_date');
    expect(lineError(JSON.stringify({ ...base, versions: [], update_date: '2008/01/02' })).problem).toBe('bad_date');
  });
});
