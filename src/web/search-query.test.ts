import { describe, expect, it } from 'vitest';
import { toSearchRequest } from './search-query.js';

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
