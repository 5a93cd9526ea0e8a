import { describe, expect, it } from 'vitest';
import { cleanOptional, commentsSayWithdrawn, toIsoTimestamp } from './text.js';
import { createXmlReader, isXmlContentType } from './xml-document.js';

describe('commentsSayWithdrawn', () => {
  it("recognises arXiv's withdrawal wordings (real comments from arXiv's test database)", () => {
    for (const comments of [
      'This paper has been withdrawn',
      'Withdrawn',
      '5 pages, 1 figures. This paper has been withdrawn by the author due to emphasis of the other articles',
      'Under revision: withdrawn after persistent problems with Lemma 2.20',
      'The paper has been withdrawn by the author due to the crucial error in maximum entropy method calculation',
    ]) {
      expect(commentsSayWithdrawn(comments)).toBe(true);
    }
  });

  it('does not flag ordinary comments', () => {
    expect(commentsSayWithdrawn('16 pages, 14 figures')).toBe(false);
    expect(commentsSayWithdrawn('v2: the previously withdrawn claim is restored')).toBe(false);
    expect(commentsSayWithdrawn(null)).toBe(false);
  });
});

describe('toIsoTimestamp', () => {
  it('reads RFC 1123 dates, bare UTC days and ISO timestamps', () => {
    expect(toIsoTimestamp('Tue, 3 Apr 2007 22:04:11 GMT')).toBe('2007-04-03T22:04:11.000Z');
    expect(toIsoTimestamp('2014-12-29')).toBe('2014-12-29T00:00:00.000Z');
    expect(toIsoTimestamp('Mon, 03 Aug 2026 00:00:00 -0400')).toBe('2026-08-03T04:00:00.000Z');
  });

  it('returns null for text that is no date', () => {
    expect(toIsoTimestamp('sometime in spring')).toBeNull();
    expect(toIsoTimestamp('')).toBeNull();
  });
});

describe('cleanOptional', () => {
  it('collapses wrapped text and turns blank into null', () => {
    expect(cleanOptional('54 pages; v2 updated and\n  slightly expanded')).toBe(
      '54 pages; v2 updated and slightly expanded',
    );
    expect(cleanOptional('  \n ')).toBeNull();
  });
});

describe('xml documents', () => {
  it('accepts XML content types and a missing one, not HTML', () => {
    expect(['text/xml', 'application/atom+xml; charset=utf-8', null].map(isXmlContentType)).toEqual([true, true, true]);
    expect(isXmlContentType('text/html; charset=utf-8')).toBe(false);
  });

  it('reports where malformed XML breaks', () => {
    const read = createXmlReader({ arrayTags: [] });
    expect(read('<a><b></a>')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed XML at line 1, column \d+/),
    });
    expect(read('<a><b>x</b></a>')).toEqual({ ok: true, doc: { a: { b: 'x' } } });
  });
});
