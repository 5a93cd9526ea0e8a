import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OAI_ERROR_CODES, OaiError, OaiParseError } from './errors.js';
import { parseGetRecord, parseListRecords } from './list-records.js';

const DATA = new URL('../../../test/fixtures/arxiv-oai-pmh/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, DATA), 'utf8');
const listRecords = read('mikesaelim-arXivRaw/ListRecordsResponse.xml');
const nock = JSON.parse(read('arxiv-responses-2018/listrecords-arXiv-2015-01-01.json'));

function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OaiError) return err.code;
    throw err;
  }
  return undefined;
}

describe('parseListRecords (arXivRaw)', () => {
  const page = parseListRecords(listRecords, 'arXivRaw');

  it('reads every record header and the resumption token with its cursor and list size', () => {
    expect(page.records.map((r) => r.header.arxivId)).toEqual([
      '0704.0471',
      '0704.0716',
      '0704.0874',
      '0704.1109',
      '0704.1114',
      '0704.1586',
    ]);
    expect(page.records[0]?.header).toEqual({
      identifier: 'oai:arXiv.org:0704.0471',
      arxivId: '0704.0471',
      datestamp: '2014-11-18',
      setSpecs: ['physics:nucl-ex', 'physics:nucl-th'],
      deleted: false,
    });
    expect(page.resumptionToken).toEqual({ value: '726959|1001', cursor: 0, completeListSize: 58011 });
    expect(page.responseDate).toBe('2015-01-06T20:49:59Z');
  });

  it('turns versions into publishedAt (v1), updatedAt (latest) and the version list with sizes', () => {
    const paper = page.records[1]?.paper;
    expect(paper).toMatchObject({
      arxivId: '0704.0716',
      version: 4,
      publishedAt: '2007-04-05T12:45:03.000Z',
      updatedAt: '2008-11-14T09:07:25.000Z',
      primaryCategory: 'math-ph',
      categories: ['math-ph', 'math.MP'],
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
    });
    expect(paper?.versions[3]).toEqual({ version: 4, date: '2008-11-14T09:07:25.000Z', size: '49kb' });
  });

  it('keeps the first of several DOIs, unwraps titles and decodes entities in abstracts', () => {
    const paper = page.records[0]?.paper;
    expect(paper?.doi).toBe('10.1103/PhysRevC.76.024606');
    expect(paper?.title).toBe(
      'Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective',
    );
    expect(paper?.abstract).toContain('an extremely " stiff " and " soft " form');
    expect(paper?.abstract).not.toContain('\n');
    expect(paper?.journalRef).toBe('Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007');
    expect(paper?.authors.map((a) => a.name)).toEqual(['D.V. Shetty', 'S.J. Yennello', 'G.A. Souliotis']);
    expect(page.records[1]?.paper?.comments).toBe(
      '54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 slightly expanded',
    );
  });

  it('reads a deleted record as a header without a paper (derived: real header marked deleted)', () => {
    const deleted = listRecords
      .replace(
        '<header>\n <identifier>oai:arXiv.org:0704.0471',
        '<header status="deleted">\n <identifier>oai:arXiv.org:0704.0471',
      )
      .replace(/<metadata>[\s\S]*?<\/metadata>/, '');
    const record = parseListRecords(deleted, 'arXivRaw').records[0];
    expect(record).toMatchObject({ header: { arxivId: '0704.0471', deleted: true }, paper: null });
  });

  it('marks a paper withdrawn when its comments say so (derived: real record, comment replaced)', () => {
    const xml = listRecords.replace(
      '<comments>16 pages, 14 figures</comments>',
      '<comments>This paper has been withdrawn by the author</comments>',
    );
    expect(parseListRecords(xml, 'arXivRaw').records[0]?.paper?.withdrawn).toBe(true);
    expect(page.records[0]?.paper?.withdrawn).toBe(false);
  });

  it('reads a GetRecord response with the same record reader', () => {
    const { record } = parseGetRecord(read('mikesaelim-arXivRaw/GetRecordResponse.xml'), 'arXivRaw');
    expect(record.paper).toMatchObject({ arxivId: '1302.2146', version: 2, updatedAt: '2013-04-02T01:50:08.000Z' });
    expect(record.paper?.authors).toHaveLength(4);
  });
});

describe('parseListRecords (arXiv format)', () => {
  it('reads structured authors with affiliations and created/updated days', () => {
    const page = parseListRecords(nock[1].response, 'arXiv');
    expect(page.resumptionToken).toBeNull();
    const [first, second] = page.records.map((r) => r.paper);
    expect(first?.authors).toEqual([
      { name: 'Sander Uijlen', affiliation: 'Radboud Universiteit' },
      { name: 'Bas Westerbaan', affiliation: 'Radboud Universiteit' },
    ]);
    expect(first).toMatchObject({ version: 1, publishedAt: '2014-12-29T00:00:00.000Z', doi: '10.4204/EPTCS.172.11' });
    expect(second).toMatchObject({ arxivId: 'hep-th/9504118', authors: [{ name: 'M. Requardt' }], license: null });
  });

  it('gives an updated paper "at least version 2" with v1 dated by created', () => {
    const page = parseListRecords(read('hepcrawl-arXiv/arxiv-physics-hep-th.xml'), 'arXiv');
    expect(page.records[0]?.header.setSpecs).toEqual(['physics:hep-th']);
    expect(page.records[0]?.paper).toMatchObject({
      arxivId: '1412.8323',
      version: 2,
      publishedAt: '2014-12-29T00:00:00.000Z',
      updatedAt: '2017-12-13T00:00:00.000Z',
      versions: [{ version: 1, date: '2014-12-29T00:00:00.000Z' }],
      authors: [{ name: 'Philipp A Hoehn' }],
    });
  });

  it('takes the first DOI of a comma/semicolon list and reads records without a namespace', () => {
    const { record } = parseGetRecord(read('hepcrawl-arXiv/sample_arxiv_record0.xml'), 'arXiv');
    expect(record.paper?.doi).toBe('10.1103/PhysRevD.93.016005');
    expect(record.paper?.authors[0]).toEqual({ name: 'Planck Collaboration' });
  });
});

describe('parseListRecords errors', () => {
  it('turns each recorded OAI error into an OaiError with its code', () => {
    const files: Record<string, string> = {
      badArgument: 'ErrorResponseBadArgument.xml',
      badResumptionToken: 'ErrorResponseBadResumptionToken.xml',
      badVerb: 'ErrorResponseBadVerb.xml',
      idDoesNotExist: 'ErrorResponseIdDoesNotExist.xml',
      noRecordsMatch: 'ErrorResponseNoRecordsMatch.xml',
    };
    for (const [code, file] of Object.entries(files)) {
      expect(errorCodeOf(() => parseListRecords(read(`mikesaelim-arXivRaw/${file}`), 'arXivRaw'))).toBe(code);
    }
  });

  it('recognises every OAI-PMH error code (derived: recorded envelope, code swapped)', () => {
    const template = read('mikesaelim-arXivRaw/ErrorResponseBadArgument.xml');
    for (const code of OAI_ERROR_CODES) {
      const xml = template.replace('code="badArgument"', `code="${code}"`);
      expect(errorCodeOf(() => parseListRecords(xml, 'arXivRaw'))).toBe(code);
    }
  });

  it("keeps the repository's explanation in the error", () => {
    const xml = read('mikesaelim-arXivRaw/ErrorResponseNoRecordsMatch.xml');
    expect(() => parseListRecords(xml, 'arXivRaw')).toThrow(
      "Set argument doesn't match any sets. The setSpec was 'moo'",
    );
  });

  it('rejects truncated, malformed, empty and non-OAI bodies with an OaiParseError saying why', () => {
    expect(() => parseListRecords(listRecords.slice(0, 5000), 'arXivRaw')).toThrow(OaiParseError);
    expect(() => parseListRecords(listRecords.replace('</title>', '</titel>'), 'arXivRaw')).toThrow(
      /malformed XML at line \d+.*titel/,
    );
    expect(() => parseListRecords('', 'arXivRaw')).toThrow(/empty/);
    expect(() => parseListRecords(nock[0].response, 'arXivRaw')).toThrow(/expected an <OAI-PMH> document, got <html>/);
  });

  it('rejects records in another metadata format than the one asked for', () => {
    expect(() => parseListRecords(listRecords, 'arXiv')).toThrow(
      /record oai:arXiv.org:0704.0471 has no <arXiv> metadata \(got <arXivRaw>\)/,
    );
  });

  it('rejects a record whose version dates cannot be read, naming the record', () => {
    const xml = listRecords.replace('Tue, 3 Apr 2007 22:04:11 GMT', 'sometime in spring');
    expect(() => parseListRecords(xml, 'arXivRaw')).toThrow(/oai:arXiv.org:0704.0471.*version/);
  });
});
