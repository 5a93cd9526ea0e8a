// The one arXiv id parser (every caller — paper pages, votes, comments, submissions, indexing, the HF API — goes
// through it), checked against forms written out by hand.
import { describe, expect, it } from 'vitest';
import { normaliseArxivId, parseArxivRef } from './arxiv-id.js';

describe('parseArxivRef', () => {
  it.each([
    ['2401.01234', { id: '2401.01234', version: null }],
    ['2401.01234v3', { id: '2401.01234', version: 3 }],
    ['0704.0001', { id: '0704.0001', version: null }],
    ['arXiv:2401.01234', { id: '2401.01234', version: null }],
    ['https://arxiv.org/abs/2401.01234v2', { id: '2401.01234', version: 2 }],
    ['http://export.arxiv.org/pdf/2401.01234.pdf', { id: '2401.01234', version: null }],
    ['arxiv.org/html/2401.01234v1?x=1#s2', { id: '2401.01234', version: 1 }],
    ['  hep-th/9901001 ', { id: 'hep-th/9901001', version: null }],
    ['math.AG/0101001v2', { id: 'math.AG/0101001', version: 2 }],
  ])('reads %j', (input, expected) => {
    expect(parseArxivRef(input)).toEqual(expected);
  });

  it.each([
    '',
    'nonsense',
    '1234.56789',
    '2413.01234',
    'hep-th/99',
    'https://example.org/abs/2401.01234',
    'x'.repeat(201),
  ])('refuses %j', (input) => {
    expect(parseArxivRef(input)).toBeNull();
    expect(normaliseArxivId(input)).toBeNull();
  });
});
