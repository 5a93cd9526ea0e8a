import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorsFromParsed, authorsFromText, decodeTexAccents } from './authors.js';

const samplePath = new URL(
  '../../../test/fixtures/arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl',
  import.meta.url,
);

describe('decodeTexAccents', () => {
  it('resolves the accent forms found in arXiv author lists', () => {
    expect(decodeTexAccents("C. Bal\\'azs")).toBe('C. Balázs');
    expect(decodeTexAccents("Fr\\'ed\\'eric Lagouti\\`ere")).toBe('Frédéric Lagoutière');
    expect(decodeTexAccents('Achill Sch\\"urmann, Jo{\\"e}l')).toBe('Achill Schürmann, Joël');
    expect(decodeTexAccents('S\\~ao Paulo, Fran\\c{c}ois, Erd\\H{o}s, \\v{S}koda')).toBe(
      'São Paulo, François, Erdős, Škoda',
    );
    expect(decodeTexAccents("Mart{\\'\\i}n, Gau\\ss, {\\o}stergaard")).toBe('Martín, Gauß, østergaard');
  });

  it('returns text without backslashes unchanged', () => {
    expect(decodeTexAccents('Ileana Streinu and Louis Theran')).toBe('Ileana Streinu and Louis Theran');
  });
});

describe('authorsFromParsed', () => {
  it('writes names in given-family-suffix order and skips empty entries', () => {
    expect(authorsFromParsed([['Yuan', 'C. -P.', ''], ['Smith', 'John', 'Jr'], ['', '', ''], 'junk'])).toEqual([
      { name: 'C.-P. Yuan' },
      { name: 'John Smith Jr' },
    ]);
  });
});

describe('authorsFromText', () => {
  it('keeps a parenthesised affiliation with its author (real arXiv rows)', () => {
    expect(authorsFromText("Francois Delarue (PMA), Fr\\'ed\\'eric Lagouti\\`ere (LJLL)")).toEqual([
      { name: 'Francois Delarue', affiliation: 'PMA' },
      { name: 'Frédéric Lagoutière', affiliation: 'LJLL' },
    ]);
    expect(authorsFromText('Roberto Lineros (University of Torino and INFN/Torino)')).toEqual([
      { name: 'Roberto Lineros', affiliation: 'University of Torino and INFN/Torino' },
    ]);
  });

  it("resolves numbered affiliation blocks into each author's affiliations", () => {
    expect(authorsFromText('Mark Vogelsberger (1,2), Simon D. M. White (1) ((1) MPA, (2) Harvard/CfA)')).toEqual([
      { name: 'Mark Vogelsberger', affiliation: 'MPA; Harvard/CfA' },
      { name: 'Simon D. M. White', affiliation: 'MPA' },
    ]);
  });

  it('splits on commas and "and" and ignores "et al."', () => {
    expect(authorsFromText('A. One, B. Two, and C. Three; D. Four et al.').map((a) => a.name)).toEqual([
      'A. One',
      'B. Two',
      'C. Three',
      'D. Four',
    ]);
    expect(authorsFromText('A. One, et al.').map((a) => a.name)).toEqual(['A. One']);
  });

  it('agrees with authors_parsed on all 200 sample records, up to spacing after initials', () => {
    const spaced = (name: string) => name.replace(/\.\s*/g, '. ').trim();
    for (const line of readFileSync(samplePath, 'utf8').trim().split('\n')) {
      const record = JSON.parse(line) as { id: string; authors: string; authors_parsed: unknown[] };
      const fromText = authorsFromText(record.authors).map((a) => spaced(a.name));
      const fromParsed = authorsFromParsed(record.authors_parsed).map((a) => spaced(a.name));
      expect(fromText, record.id).toEqual(fromParsed);
    }
  });
});
