import { describe, expect, it } from 'vitest';
import { normaliseDate, parseSearchQuery } from './query-parser.js';

const words = (q: ReturnType<typeof parseSearchQuery>) => q.include.map((c) => c.words.join(' '));

describe('parseSearchQuery', () => {
  it('reads bare words as terms, lower-cased', () => {
    const q = parseSearchQuery('Token Mixing');
    expect(q.include).toEqual([
      { kind: 'term', words: ['token'], field: null },
      { kind: 'term', words: ['mixing'], field: null },
    ]);
    expect(q.notices).toEqual([]);
  });

  it('keeps a quoted phrase together', () => {
    const q = parseSearchQuery('"state space model" scaling');
    expect(q.include[0]).toEqual({ kind: 'phrase', words: ['state', 'space', 'model'], field: null });
    expect(words(q)).toEqual(['state space model', 'scaling']);
  });

  it('treats a leading minus as an exclusion, for words and phrases', () => {
    const q = parseSearchQuery('mixing -mixup -"data augmentation" -self-supervised');
    expect(words(q)).toEqual(['mixing']);
    expect(q.exclude.map((c) => c.words.join(' '))).toEqual(['mixup', 'data augmentation', 'self supervised']);
  });

  it('splits an unquoted compound into independent words', () => {
    expect(words(parseSearchQuery('state-of-the-art'))).toEqual(['state', 'of', 'the', 'art']);
  });

  it('binds fielded terms to their column', () => {
    const q = parseSearchQuery('author:gu title:"selective state" abstract:mamba au:dao');
    expect(q.include).toEqual([
      { kind: 'term', words: ['gu'], field: 'author' },
      { kind: 'phrase', words: ['selective', 'state'], field: 'title' },
      { kind: 'term', words: ['mamba'], field: 'abstract' },
      { kind: 'term', words: ['dao'], field: 'author' },
    ]);
  });

  it('reads category, year, range, date and has:code filters', () => {
    const f = parseSearchQuery('cat:cs.LG category:stat.ML year:2023 after:2024-01-01 before:2024-06 has:code').filters;
    expect(f).toEqual({
      categories: ['cs.lg', 'stat.ml'],
      yearFrom: 2023,
      yearTo: 2023,
      after: '2024-01-01',
      before: '2024-06-01',
      hasCode: true,
    });
    expect(parseSearchQuery('year:2020..2023').filters).toMatchObject({ yearFrom: 2020, yearTo: 2023 });
    expect(parseSearchQuery('year:2021..').filters).toMatchObject({ yearFrom: 2021, yearTo: null });
    expect(parseSearchQuery('year:..2019').filters).toMatchObject({ yearFrom: null, yearTo: 2019 });
  });

  it('keeps an unknown field as plain text and says so', () => {
    const q = parseSearchQuery('foo:bar https://arxiv.org/abs/2401.1');
    expect(words(q)).toEqual(['foo', 'bar', 'https', 'arxiv', 'org', 'abs', '2401', '1']);
    expect(q.notices.map((n) => n.reason)).toEqual(['unknown_field', 'unknown_field']);
  });

  it('reports invalid filter values instead of failing', () => {
    const q = parseSearchQuery('year:twenty after:2024-13-40 has:paper cat:!! -cat:cs.LG');
    expect(q.filters).toMatchObject({ yearFrom: null, after: null, hasCode: null, categories: [] });
    expect(q.notices.map((n) => n.reason)).toEqual([
      'invalid_value',
      'invalid_value',
      'invalid_value',
      'invalid_value',
      'invalid_value',
    ]);
  });

  it('reads an unbalanced quote as a phrase to the end and notes it', () => {
    const q = parseSearchQuery('"state space');
    expect(q.include).toEqual([{ kind: 'phrase', words: ['state', 'space'], field: null }]);
    expect(q.notices[0]?.reason).toBe('unbalanced_quote');
  });

  it('reduces FTS5 syntax and control characters to plain words', () => {
    const q = parseSearchQuery('AND( NEAR(a b, 3) title: * ^start "x" OR col:* \u0000nul {title}:x');
    const all = q.include.flatMap((c) => c.words);
    for (const w of all) expect(w).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    expect(all).toContain('near');
    expect(all).toContain('nul');
  });

  it('caps absurdly long input and says so', () => {
    const q = parseSearchQuery('word '.repeat(10_000));
    expect(q.include.length).toBeLessThanOrEqual(256);
    expect(q.notices.some((n) => n.reason === 'too_long')).toBe(true);
  });

  it('returns an empty query for empty or whitespace input', () => {
    expect(parseSearchQuery('   ')).toMatchObject({ include: [], exclude: [], notices: [] });
  });

  it('normalises partial dates and rejects impossible ones', () => {
    expect(normaliseDate('2024')).toBe('2024-01-01');
    expect(normaliseDate('2024-02-30')).toBeNull();
    expect(normaliseDate('24-01-01')).toBeNull();
  });
});
