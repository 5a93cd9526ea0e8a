// Turns what a reader typed into a typed SearchQuery. Nothing here throws: text that cannot be read as
// syntax is kept as plain words and, where it was probably meant as syntax, a notice says so.
// Words are reduced to letters and digits, so no FTS5 operator, quote, NUL or column filter survives.
import {
  EMPTY_FILTERS,
  type QueryClause,
  type QueryNotice,
  type SearchFilters,
  type SearchQuery,
  type TextField,
} from './search.models.js';

const MAX_INPUT_CHARS = 20_000;
const MAX_CLAUSES = 256;
const MAX_WORD_CHARS = 100;

const TEXT_FIELDS: Record<string, TextField> = {
  title: 'title',
  ti: 'title',
  abstract: 'abstract',
  abs: 'abstract',
  author: 'author',
  authors: 'author',
  au: 'author',
};
const FILTER_FIELDS = new Set(['cat', 'category', 'year', 'after', 'before', 'has']);

/** Letters, digits and combining marks: the same characters SQLite's unicode61 tokenizer keeps. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (w.length > 0) out.push(w.slice(0, MAX_WORD_CHARS));
  }
  return out;
}

interface RawToken {
  negated: boolean;
  field: string | null;
  value: string;
  quoted: boolean;
  source: string;
}

// Splits on whitespace, keeping "quoted phrases" (optionally prefixed by -, field: or both) together.
function lex(text: string, notices: QueryNotice[]): RawToken[] {
  // The empty last alternative lets "title:" with nothing after it be read as an (empty) fielded token.
  const re = /(-?)(?:([\p{L}_]+):)?(?:"([^"]*)("?)|(\S+)|(?=\s|$))/gu;
  const tokens: RawToken[] = [];
  for (const m of text.matchAll(re)) {
    const quoted = m[3] !== undefined;
    if (!quoted && m[5] === undefined && !m[2]) continue;
    if (quoted && m[4] !== '"') notices.push({ text: m[0], reason: 'unbalanced_quote' });
    tokens.push({
      negated: m[1] === '-',
      field: m[2] ? m[2].toLowerCase() : null,
      value: quoted ? m[3]! : (m[5] ?? ''),
      quoted,
      source: m[0],
    });
  }
  return tokens;
}

export function parseSearchQuery(text: string): SearchQuery {
  const notices: QueryNotice[] = [];
  let input = typeof text === 'string' ? text : '';
  if (input.length > MAX_INPUT_CHARS) {
    notices.push({ text: `${input.slice(0, 40)}…`, reason: 'too_long' });
    input = input.slice(0, MAX_INPUT_CHARS);
  }
  const query: SearchQuery = { include: [], exclude: [], filters: { ...EMPTY_FILTERS, categories: [] }, notices };
  for (const token of lex(input, notices)) {
    if (query.include.length + query.exclude.length >= MAX_CLAUSES) {
      notices.push({ text: token.source, reason: 'too_long' });
      break;
    }
    addToken({ query, token });
  }
  return query;
}

function addToken({ query, token }: { query: SearchQuery; token: RawToken }): void {
  const { field } = token;
  if (field !== null && FILTER_FIELDS.has(field)) {
    if (token.negated) {
      query.notices.push({ text: token.source, reason: 'invalid_value' });
      return;
    }
    applyFilter({
      filters: query.filters,
      field,
      value: token.value.trim(),
      source: token.source,
      notices: query.notices,
    });
    return;
  }
  let textField: TextField | null = null;
  let value = token.value;
  if (field !== null) {
    textField = TEXT_FIELDS[field] ?? null;
    // An unknown "field:" is ordinary text (a URL, "eq:3", a typo): search for all of it.
    if (textField === null) {
      query.notices.push({ text: token.source, reason: 'unknown_field' });
      value = `${field} ${value}`;
    }
  }
  const words = splitWords(value);
  if (words.length === 0) {
    if (field !== null) query.notices.push({ text: token.source, reason: 'empty_value' });
    return;
  }
  const clause: QueryClause = {
    kind: token.quoted || words.length > 1 ? 'phrase' : 'term',
    words,
    field: textField,
  };
  // An unquoted compound ("state-of-the-art", "10-20%", an unknown "foo:bar") is independent words, as in
  // Lucene's standard analyzer: the reader did not ask for adjacency. Exclusions and fielded values keep
  // it together, so "-self-supervised" removes only that compound.
  if (!token.quoted && textField === null && !token.negated && words.length > 1) {
    for (const w of words) query.include.push({ kind: 'term', words: [w], field: null });
    return;
  }
  (token.negated ? query.exclude : query.include).push(clause);
}

const YEAR = /^(\d{4})$/;
const YEAR_RANGE = /^(\d{4})?\.\.(\d{4})?$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function applyFilter(args: {
  filters: SearchFilters;
  field: string;
  value: string;
  source: string;
  notices: QueryNotice[];
}): void {
  const problem = readFilter(args);
  if (problem) args.notices.push({ text: args.source, reason: problem });
}

function readFilter({ filters, field, value }: { filters: SearchFilters; field: string; value: string }) {
  if (value.length === 0) return 'empty_value' as const;
  if (field === 'cat' || field === 'category') {
    if (!/^[a-z][a-z-]*(\.[a-z-]+)?$/i.test(value)) return 'invalid_value' as const;
    filters.categories.push(value.toLowerCase());
  } else if (field === 'year') {
    const single = YEAR.exec(value);
    const range = YEAR_RANGE.exec(value);
    if (single) {
      filters.yearFrom = Number(single[1]);
      filters.yearTo = Number(single[1]);
    } else if (range && (range[1] || range[2])) {
      filters.yearFrom = range[1] ? Number(range[1]) : null;
      filters.yearTo = range[2] ? Number(range[2]) : null;
    } else return 'invalid_value' as const;
  } else if (field === 'after' || field === 'before') {
    const date = normaliseDate(value);
    if (date === null) return 'invalid_value' as const;
    filters[field] = date;
  } else if (field === 'has') {
    if (value.toLowerCase() !== 'code') return 'invalid_value' as const;
    filters.hasCode = true;
  }
  return null;
}

/** "2024", "2024-03" and "2024-03-05" become full ISO dates; anything else (or an impossible date) is null. */
export function normaliseDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
