import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAtomFeed } from './atom-feed.js';
import { ArxivApiError, ArxivApiParseError } from './errors.js';

const DATA = new URL('../../../test/fixtures/arxiv-api-atom/', import.meta.url);
const body = (name: string) => readFileSync(new URL(`arxiv.py-2026-recorded/bodies/${name}`, DATA), 'utf8');

describe('parseAtomFeed', () => {
  it('reads an id_list answer into a Paper with affiliations, dates and journal reference', () => {
    const feed = parseAtomFeed(body('id_astro-ph_0601001_s0_m100_3150dca9dc76.xml'));
    expect(feed).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 100 });
    expect(feed.papers[0]).toMatchObject({
      arxivId: 'astro-ph/0601001',
      version: 1,
      title:
        'Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina',
      primaryCategory: 'astro-ph',
      categories: ['astro-ph'],
      journalRef: 'ActaAstron.56:1-50,2006',
      publishedAt: '2006-01-02T14:57:58.000Z',
      versions: [{ version: 1, date: '2006-01-02T14:57:58.000Z' }],
    });
    expect(feed.papers[0]?.authors[0]).toEqual({ name: 'Andrew Gould', affiliation: 'Ohio State' });
    expect(feed.papers[0]?.abstract).toContain('Gould & Morgan (2003)');
  });

  it('puts the primary category first and finds project pages in comments', () => {
    const xml = readFileSync(new URL('sotawhat-2026/arxiv_transformer.xml', DATA), 'utf8');
    const feed = parseAtomFeed(xml);
    expect(feed.totalResults).toBe(28946);
    expect(feed.papers).toHaveLength(5);
    const mana = feed.papers[0];
    expect(mana?.categories).toEqual(['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG']);
    expect(mana?.links).toEqual([{ kind: 'project', url: 'https://zhaohengyin.github.io/mana' }]);
  });

  it('reads every entry of a 100-entry search page', () => {
    const feed = parseAtomFeed(body('q_testing_s0_m100_cfe7536492ca.xml'));
    expect(feed.papers).toHaveLength(100);
    expect(feed.totalResults).toBe(214881);
    expect(feed.papers.every((p) => p.title.length > 0 && p.authors.length > 0 && p.primaryCategory)).toBe(true);
  });

  it('records a later version as v1 (published) plus vN (updated)', () => {
    const feed = parseAtomFeed(body('q_testing_s0_m100_cfe7536492ca.xml'));
    const revised = feed.papers.find((p) => p.version > 1);
    expect(revised?.versions).toEqual([
      { version: 1, date: revised?.publishedAt },
      { version: revised?.version, date: revised?.updatedAt },
    ]);
  });

  it('reads the 2016 layout too', () => {
    const xml = readFileSync(new URL('arxiv.py-2016-fixtures/id_list=1111.2011v2.xml', DATA), 'utf8');
    const paper = parseAtomFeed(xml).papers[0];
    expect(paper).toMatchObject({ arxivId: '1111.2011', version: 2, updatedAt: '2012-04-02T12:38:54.000Z' });
    expect(paper?.title).toBe(
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
    );
  });

  it('returns no papers for ids arXiv does not know', () => {
    expect(parseAtomFeed(body('id_0000.0000_s0_m100_8b51d9633a68.xml'))).toEqual({
      papers: [],
      totalResults: 0,
      startIndex: 0,
      itemsPerPage: 100,
    });
  });

  it("turns arXiv's error feed into an ArxivApiError carrying arXiv's message", () => {
    const error = (() => {
      try {
        parseAtomFeed(body('id_abc_s0_m100_b79c8dcf6bc3.xml'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ArxivApiError);
    expect(error).toMatchObject({
      detail: 'incorrect id format for abc',
      errorId: 'https://arxiv.org/api/errors#incorrect_id_format_for_abc',
    });
  });

  it('rejects truncated or non-Atom bodies with an ArxivApiParseError', () => {
    const xml = body('id_1605.08386_s0_m100_199195aa31ad.xml');
    expect(() => parseAtomFeed(xml.slice(0, 900))).toThrow(ArxivApiParseError);
    expect(() => parseAtomFeed('<html><body>Service unavailable</body></html>')).toThrow(/expected an Atom <feed>/);
  });
});
