import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { osaDistance, prefixDistance } from './edit-distance.js';
import { hfIndex, siteSuggestion, spellingFigures, titleQueries } from './eval/hf-demo.js';
import { parseSearchQuery } from './query-parser.js';
import { makeDoc } from './search.test-utils.js';
import { openSearchIndex } from './search-index.js';

const DEMO = 'test/fixtures/hf-papers-2024/papers.json';
const fixture = JSON.parse(readFileSync('test/fixtures/search/misspellings.json', 'utf8')) as {
  queries: Array<{ query: string; expected: string }>;
};

describe('edit distances', () => {
  it('counts an adjacent swap as one edit and stops past the limit', () => {
    expect(osaDistance('transfromer', 'transformer', 2)).toBe(1);
    expect(osaDistance('kitten', 'sitting', 5)).toBe(3);
    expect(osaDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(prefixDistance('effici', 'efficeint', 2)).toBe(1);
  });
});

describe('did you mean', () => {
  it('corrects a word no paper has to a frequent spelling, keeping fields, phrases and exclusions as typed', () => {
    const index = openSearchIndex({ path: ':memory:' });
    index.upsert(
      Array.from({ length: 12 }, (_, i) =>
        makeDoc({ paperId: i + 1, title: `Transformer models ${i}`, abstract: 'Attention layers for video.' }),
      ),
    );
    const suggest = (text: string) => index.suggestSpelling({ query: parseSearchQuery(text), text })?.text ?? null;
    expect(suggest('transfromer')).toBe('transformer');
    expect(suggest('title:transfromer -video "attnetion layers"')).toBe('title:transformer -video "attention layers"');
    expect(suggest('transformer attention')).toBeNull();
    index.close();
  });

  it('on the ML demo data corrects most hand-written misspellings and no correct query', { timeout: 120_000 }, () => {
    const { index, docs } = hfIndex(DEMO);
    const figures = spellingFigures({
      index,
      misspelled: fixture.queries,
      correct: [...fixture.queries.map((q) => q.expected), ...titleQueries(docs, 300)],
    });
    expect(figures.misspelled).toBe(50);
    expect(figures.corrected + figures.foundByStemming).toBeGreaterThanOrEqual(42);
    expect(figures.wronglyCorrected).toEqual([]);
    expect(siteSuggestion(index, 'transfromer')).toBe('transformer');
    index.close();
  });
});
