// Each export format parsed back by an independent parser from npm and compared with the paper's own data:
// BibTeX by @retorquere/bibtex-parser (Better BibTeX's parser), RIS by astrocite-ris, CSL-JSON by citation-js
// (read as CSL, then written as BibTeX by citation-js and parsed again). The papers include TeX accents in author
// names and title, an acronym plural in a title, and an old-style id.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { splitName } from './citation-entries.js';
import { readBibliography } from './citation-import.js';
import { IMPORT_MAX_BYTES } from './citations.models.js';
import { formatCitations } from './citations.usecases.js';

const accented = makePaper({
  arxivId: '2402.00001',
  title: 'Schr\\"odinger bridges and L\\\'evy processes for diffusion',
  authors: [{ name: "Paul L\\'evy" }, { name: 'Erwin Schr\\"{o}dinger' }, { name: 'Johannes Diderik van der Waals' }],
  primaryCategory: 'math.PR',
  publishedAt: '2024-02-01T09:00:00.000Z',
  doi: '10.1000/XYZ.123',
});
const acronym = makePaper({
  arxivId: '2403.00002',
  title: 'Training GANs on ImageNet with 50% less compute & $O(n \\log n)$ memory',
  authors: [{ name: 'Ian Goodfellow' }, { name: 'Yoshua Bengio' }],
  primaryCategory: 'cs.LG',
  publishedAt: '2024-03-05T09:00:00.000Z',
});
// A title with the author's own case brace, a braced accent and math with braces; a group author.
const braces = makePaper({
  arxivId: '2404.00004',
  title: 'Open {F}oundation models for {\\"O}l and $\\mathcal{O}(1)$ routing',
  authors: [{ name: 'ATLAS Collaboration' }, { name: 'Ada Lovelace' }],
  publishedAt: '2024-04-01T09:00:00.000Z',
});
const oldStyle = makePaper({
  arxivId: 'hep-th/9901001',
  title: 'On the strings',
  authors: [{ name: 'Ian Goodfellow' }],
  primaryCategory: 'hep-th',
  publishedAt: '1999-01-04T09:00:00.000Z',
});
// Same first author, year and first title word as `acronym`: the keys must still differ.
const twin = makePaper({
  arxivId: '2403.00003',
  title: 'Training GANs again',
  authors: [{ name: 'Ian Goodfellow' }],
  publishedAt: '2024-06-01T09:00:00.000Z',
});
const papers = [accented, acronym, oldStyle, twin];

/** What the parsers give back, as far as these tests read it. */
interface CslRead {
  id: string;
  title: string;
  author: Array<{ family: string; given?: string; 'non-dropping-particle'?: string }>;
  issued: { 'date-parts': Array<Array<number | string>> };
  DOI?: string;
  URL?: string;
  number?: string;
}

describe('BibTeX export, read back by @retorquere/bibtex-parser', () => {
  const text = formatCitations(papers, 'bib');
  // Math macros the parser does not know (\log) are kept as written, as the importer does.
  const library = parseBibtex(text, { sentenceCase: false, unsupported: (_node, tex) => tex });
  const raw = parseBibtex(text, { raw: true });

  it('parses without errors, one @misc per paper, keys unique and stable', () => {
    expect(library.errors).toEqual([]);
    expect(library.entries.map((e) => e.type)).toEqual(['misc', 'misc', 'misc', 'misc']);
    const keys = library.entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(4);
    expect(keys.slice(0, 3)).toEqual(['levy2024schrodinger', 'goodfellow2024training', 'goodfellow1999strings']);
    expect(parseBibtex(formatCitations([accented], 'bib')).entries[0]!.key).toBe('levy2024schrodinger');
  });

  it("follows arXiv's own fields: eprint, archivePrefix, primaryClass, url, year, doi when known", () => {
    const [first, second, third] = library.entries;
    expect(first!.fields).toMatchObject({
      eprint: '2402.00001',
      archiveprefix: 'arXiv',
      primaryclass: 'math.PR',
      url: 'https://arxiv.org/abs/2402.00001',
      year: '2024',
      doi: '10.1000/XYZ.123',
    });
    expect(second!.fields.doi).toBeUndefined();
    expect(third!.fields).toMatchObject({ eprint: 'hep-th/9901001', url: 'https://arxiv.org/abs/hep-th/9901001' });
  });

  it('decodes TeX accents into the names and title, authors in order, particles in the family name', () => {
    const [first] = library.entries;
    expect(first!.fields.title).toBe('Schrödinger bridges and Lévy processes for diffusion');
    // BibTeX's name rule reads "van der" as the family name's prefix ("von part").
    expect(first!.fields.author).toEqual([
      { lastName: 'Lévy', firstName: 'Paul' },
      { lastName: 'Schrödinger', firstName: 'Erwin' },
      { lastName: 'Waals', prefix: 'van der', firstName: 'Johannes Diderik' },
    ]);
  });

  it('protects acronyms ({GAN}s, {ImageNet}), escapes & and %, keeps math as TeX', () => {
    const title = raw.entries[1]!.fields.title as string;
    expect(title).toContain('{GAN}s');
    expect(title).toContain('{ImageNet}');
    expect(title).toContain('50\\% less compute \\& $O(n \\log n)$');
    expect(library.entries[1]!.fields.title).toMatch(/^Training GANs on ImageNet with 50% less compute & /);
  });
});

describe('RIS export, read back by astrocite-ris', () => {
  const items = parseRis(formatCitations(papers, 'ris').replace(/\r\n/g, '\n'));

  it('has one record per paper with title, authors in order, year, arXiv id, URL and DOI', () => {
    expect(items).toHaveLength(4);
    const [first, second, third] = items as unknown as CslRead[];
    expect(first!.title).toBe('Schrödinger bridges and Lévy processes for diffusion');
    expect(first!.author).toEqual([
      { family: 'Lévy', given: 'Paul' },
      { family: 'Schrödinger', given: 'Erwin' },
      { family: 'Waals', 'non-dropping-particle': 'van der', given: 'Johannes Diderik' },
    ]);
    expect(first!.issued['date-parts'][0]!.map(Number)).toEqual([2024, 2, 1]);
    expect(first!.DOI).toBe('10.1000/XYZ.123');
    expect(first!.URL).toBe('https://arxiv.org/abs/2402.00001');
    expect(first!.id).toBe('levy2024schrodinger');
    expect(second!.title).toBe('Training GANs on ImageNet with 50% less compute & $O(n \\log n)$ memory');
    expect(second!.DOI).toBeUndefined();
    expect(third!.number).toContain('arXiv:hep-th/9901001');
  });
});

describe('CSL-JSON export, read by citation-js', () => {
  const json = JSON.parse(formatCitations(papers, 'csl.json'));
  const cite = new Cite(json, { forceType: '@csl/list+object' });

  it('is CSL that citation-js reads and writes back as BibTeX with the same fields', () => {
    expect(cite.data).toHaveLength(4);
    const first = cite.data[0] as CslRead;
    expect(first.title).toBe('Schrödinger bridges and Lévy processes for diffusion');
    expect(first.author.map((a) => [a.family, a.given])).toEqual([
      ['Lévy', 'Paul'],
      ['Schrödinger', 'Erwin'],
      ['van der Waals', 'Johannes Diderik'],
    ]);
    expect(first.issued['date-parts'][0]).toEqual([2024, 2, 1]);
    expect(first.DOI).toBe('10.1000/XYZ.123');
    expect(first.number).toBe('arXiv:2402.00001');
    const again = parseBibtex(cite.format('bibtex') as string, { sentenceCase: false });
    expect(again.errors).toEqual([]);
    expect(again.entries[0]!.fields.doi).toBe('10.1000/XYZ.123');
    expect(again.entries[1]!.fields.title).toContain('Training GANs on ImageNet');
  });
});

describe('braces, math and group authors', () => {
  it("keeps the author's case braces and math in BibTeX, drops the braces in RIS and CSL, cites a group whole", () => {
    const raw = parseBibtex(formatCitations([braces], 'bib'), { raw: true }).entries[0]!;
    expect(raw.fields.title).toBe('Open {F}oundation models for Öl and $\\mathcal{O}(1)$ routing');
    const read = parseBibtex(formatCitations([braces], 'bib'), { sentenceCase: false, unsupported: (_n, tex) => tex })
      .entries[0]!;
    expect(read.fields.author).toEqual([{ name: 'ATLAS Collaboration' }, { lastName: 'Lovelace', firstName: 'Ada' }]);
    const ris = parseRis(formatCitations([braces], 'ris').replace(/\r\n/g, '\n'))[0] as unknown as CslRead;
    expect(ris.title).toBe('Open Foundation models for Öl and $\\mathcal{O}(1)$ routing');
    // RIS has no mark for a group: the name goes without a comma (as Zotero writes one-field names), which
    // astrocite splits at the space; the whole name is still there, in order.
    expect(formatCitations([braces], 'ris')).toContain('AU  - ATLAS Collaboration\r\n');
    expect([ris.author[0]!.given, ris.author[0]!.family].join(' ')).toBe('ATLAS Collaboration');
    const csl = JSON.parse(formatCitations([braces], 'csl.json'))[0] as CslRead;
    expect(csl.title).toBe(ris.title);
    expect(csl.author[0]).toEqual({ family: 'ATLAS Collaboration' });
  });
});

describe('names as arXiv writes them', () => {
  it('splits "Given Family", keeps "Family, Given", and one-word names', () => {
    expect(splitName('Yann LeCun')).toEqual({ family: 'LeCun', given: 'Yann' });
    expect(splitName('LeCun, Yann')).toEqual({ family: 'LeCun', given: 'Yann' });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(splitName('Martin Luther King Jr.')).toEqual({ family: 'King Jr.', given: 'Martin Luther' });
    expect(splitName('Plato')).toEqual({ family: 'Plato', given: '' });
  });
});

describe('reading a bibliography to import', () => {
  it('finds arXiv ids in eprint, arXiv URLs, "arXiv:" in journal/note, arXiv DOIs, and plain DOIs', () => {
    const { entries } = readBibliography(`
@misc{a, title = {A}, eprint = {2401.01234v2}, archivePrefix = {arXiv}}
@article{b, title = {B}, journal = {arXiv:2401.01235}}
@misc{c, title = {C}, url = {https://arxiv.org/abs/hep-th/9901001v1}}
@misc{d, title = {D}, doi = {10.48550/arXiv.2401.01236}}
@article{e, title = {E}, doi = {https://doi.org/10.1000/ABC}}
@book{f, title = {F with $O(n \\log n)$ math}}`);
    expect(entries.map((e) => [e.key, e.arxivId, e.doi])).toEqual([
      ['a', '2401.01234', null],
      ['b', '2401.01235', null],
      ['c', 'hep-th/9901001', null],
      ['d', '2401.01236', '10.48550/arxiv.2401.01236'],
      ['e', null, '10.1000/abc'],
      ['f', null, null],
    ]);
  });

  it('reads RIS (a Zotero export) with its IDs', () => {
    const { format, entries } = readBibliography(
      'TY  - JOUR\r\nID  - zot1\r\nTI  - Z\r\nUR  - http://arxiv.org/abs/2401.01234\r\nER  - \r\n\r\nTY  - JOUR\r\nID  - zot2\r\nTI  - Y\r\nDO  - 10.1000/xyz\r\nER  - \r\n',
    );
    expect(format).toBe('ris');
    expect(entries.map((e) => [e.key, e.arxivId, e.doi])).toEqual([
      ['zot1', '2401.01234', null],
      ['zot2', null, '10.1000/xyz'],
    ]);
  });

  it('refuses malformed BibTeX and RIS, text that is neither, empty text and oversized text with clear codes', () => {
    const code = (text: string) => {
      try {
        readBibliography(text);
        return 'accepted';
      } catch (error) {
        return `${(error as { code: string }).code} ${(error as Error).message}`;
      }
    };
    expect(code('@misc{broken, title = {never closed')).toMatch(/^citations\.malformed That BibTeX could not be read/);
    expect(code('TY  - JOUR\nTI  - no end record')).toMatch(/^citations\.malformed That RIS could not be read/);
    expect(code('just some words')).toMatch(/^citations\.malformed That is neither BibTeX/);
    expect(code('   \n')).toMatch(/^citations\.empty/);
    expect(code(`@misc{x, title = {${'a'.repeat(IMPORT_MAX_BYTES)}}}`)).toMatch(/^citations\.too_large/);
  });
});
