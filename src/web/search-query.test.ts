import { describe, expect, it } from 'vitest';
import { searchApiQuerySchema, searchFeedQuerySchema, searchQuerySchema, toSearchRequest } from './search-query.js';

describe('query string → search request', () => {
  it('a bare query is page one of a relevance search in the site default mode, spelling corrections on', () => {
    expect(toSearchRequest({ q: 'mixture of experts' }, { limit: 20, defaultMode: 'hybrid' })).toEqual({
      text: 'mixture of experts',
      mode: 'hybrid',
      spell: true,
      embeddings: null,
      options: {
        limit: 20,
        offset: 0,
        sort: 'relevance',
        category: null,
        yearFrom: null,
        yearTo: null,
        hasCode: null,
      },
    });
  });

  it('every parameter lands in its place: page 3 of 25 starts at 50, a year is a one-year range', () => {
    const request = toSearchRequest(
      {
        q: 'bm25',
        category: 'cs.IR',
        year: 2023,
        has_code: false,
        sort: 'newest',
        page: 3,
        mode: 'keyword',
        spell: false,
      },
      { limit: 25, defaultMode: 'hybrid' },
    );
    expect(request).toMatchObject({ text: 'bm25', mode: 'keyword', spell: false });
    expect(request.options).toEqual({
      limit: 25,
      offset: 50,
      sort: 'newest',
      category: 'cs.IR',
      yearFrom: 2023,
      yearTo: 2023,
      hasCode: false,
    });
  });
});

describe('the search query schema', () => {
  it('reads query-string text as typed values and fills in the defaults', () => {
    expect(searchQuerySchema.parse({ q: 'bm25', year: '2023', has_code: 'true', spell: 'false' })).toEqual({
      q: 'bm25',
      year: 2023,
      has_code: true,
      spell: false,
      sort: 'relevance',
      page: 1,
    });
    expect(searchApiQuerySchema.parse({}).limit).toBe(20);
    expect(searchFeedQuerySchema.parse({ q: 'x', page: '3', like: 'y' })).toEqual({ q: 'x', sort: 'relevance' });
  });

  it('refuses malformed parameters with a message that names the parameter', () => {
    const refusal = (input: Record<string, unknown>) => searchApiQuerySchema.safeParse(input).error?.issues[0]?.message;
    expect(refusal({ year: '' })).toBe('Invalid request: year must be a whole number from 1990 to 2100.');
    expect(refusal({ year: '1800' })).toBe('Invalid request: year must be a whole number from 1990 to 2100.');
    expect(refusal({ page: '1.5' })).toBe('Invalid request: page must be a whole number from 1 to 500.');
    expect(refusal({ has_code: '1' })).toBe('Invalid request: has_code must be true or false.');
    expect(refusal({ sort: 'random' })).toBe('Invalid request: sort must be relevance, newest or upvotes.');
    expect(refusal({ category: 'cs.CL;drop' })).toBe(
      'Invalid request: category must be an arXiv category such as cs.CL.',
    );
    expect(refusal({ q: ['a', 'b'] })).toBe('Invalid request: q must be text.');
    expect(refusal({ limit: '101' })).toBe('Invalid request: limit must be a whole number from 1 to 100.');
  });
});
