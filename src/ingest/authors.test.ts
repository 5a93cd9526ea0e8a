import { describe, expect, it } from 'vitest';
import { decodeTexAccents } from '../core/tex-accents.js';
import { parseAuthorList } from './authors.js';

// Inputs are real arXivRaw author lines (ListRecordsResponse.xml and arXiv's own test DB rows).
describe('parseAuthorList', () => {
  it('splits on commas and "and", including the Oxford comma', () => {
    expect(parseAuthorList('D.V. Shetty, S.J. Yennello, and G.A. Souliotis')).toEqual([
      { name: 'D.V. Shetty' },
      { name: 'S.J. Yennello' },
      { name: 'G.A. Souliotis' },
    ]);
    expect(parseAuthorList('Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo')).toHaveLength(4);
  });

  it('takes a parenthesis after a name as that author’s affiliation', () => {
    expect(
      parseAuthorList('C. Neri (Dresdner Kleinwort, London, UK) and L. Schneider (Dresdner Kleinwort, London, UK)'),
    ).toEqual([
      { name: 'C. Neri', affiliation: 'Dresdner Kleinwort, London, UK' },
      { name: 'L. Schneider', affiliation: 'Dresdner Kleinwort, London, UK' },
    ]);
  });

  it('resolves numbered affiliations against the trailing table', () => {
    expect(parseAuthorList('Mark Vogelsberger (1,2), Simon D. M. White (1) ((1) MPA, (2) Harvard/CfA)')).toEqual([
      { name: 'Mark Vogelsberger', affiliation: 'MPA; Harvard/CfA' },
      { name: 'Simon D. M. White', affiliation: 'MPA' },
    ]);
    const wrapped =
      'A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan\n  Science and Technology Agency, (2) Russian Research Centre, (3) The University of Tokyo)';
    expect(parseAuthorList(wrapped)[1]).toEqual({
      name: 'N. Nagaosa',
      affiliation: 'CREST, Japan Science and Technology Agency; The University of Tokyo',
    });
  });

  it('turns TeX accents into letters and keeps a collaboration prefix as its own author', () => {
    expect(parseAuthorList("Francois Delarue (PMA), Fr\\'ed\\'eric Lagouti\\`ere (LJLL)")[1]).toEqual({
      name: 'Frédéric Lagoutière',
      affiliation: 'LJLL',
    });
    expect(parseAuthorList('LHCb Collaboration: R. Aaij, B. Adeva').map((a) => a.name)).toEqual([
      'LHCb Collaboration',
      'R. Aaij',
      'B. Adeva',
    ]);
  });

  it('drops "et al." and keeps name suffixes with their name', () => {
    expect(parseAuthorList('X. Zhan, et al. (for the Jefferson Lab Hall A Collaboration)')).toEqual([
      { name: 'X. Zhan' },
    ]);
    expect(parseAuthorList('W. T. Hill, III, and G. K. Campbell').map((a) => a.name)).toEqual([
      'W. T. Hill III',
      'G. K. Campbell',
    ]);
  });

  it('returns no authors for an empty line', () => {
    expect(parseAuthorList('  ')).toEqual([]);
  });
});

describe('decodeTexAccents', () => {
  it('decodes braced, bare and letter-command accents', () => {
    expect(decodeTexAccents('{\\"O}berg, Lefran\\c{c}ois, Erd\\H{o}s, \\v Cech, G\\"odel, \\AA ke, Z\\\'{\\i}')).toBe(
      'Öberg, Lefrançois, Erdős, Čech, Gödel, Åke, Zí',
    );
  });
});
