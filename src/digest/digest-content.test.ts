import { describe, expect, it } from 'vitest';
import { chooseDigestContent, MAX_PER_SEARCH } from './digest-content.js';

const top = [
  { paperId: 1, categories: ['cs.LG'] },
  { paperId: 2, categories: ['cs.CV'] },
  { paperId: 3, categories: ['cs.CL', 'cs.LG'] },
  { paperId: 4, categories: ['math.PR'] },
];
const preferences = { maxPapers: 10, includeCategories: [] as string[], excludeCategories: [] as string[] };

describe('digest content', () => {
  it('takes the top papers in order up to the chosen number', () => {
    const { content, empty } = chooseDigestContent({
      preferences: { ...preferences, maxPapers: 2 },
      top,
      sent: new Set(),
      searches: [],
    });
    expect(content.top).toEqual([1, 2]);
    expect(empty).toBe(false);
  });

  it('keeps only included categories and drops excluded ones, matching any of a paper’s categories', () => {
    const included = chooseDigestContent({
      preferences: { ...preferences, includeCategories: ['cs.lg'] },
      top,
      sent: new Set(),
      searches: [],
    });
    expect(included.content.top).toEqual([1, 3]);
    const excluded = chooseDigestContent({
      preferences: { ...preferences, excludeCategories: ['cs.CL', 'math.PR'] },
      top,
      sent: new Set(),
      searches: [],
    });
    expect(excluded.content.top).toEqual([1, 2]);
  });

  it('never includes a paper already sent, nor the same paper twice across sections', () => {
    const { content } = chooseDigestContent({
      preferences: { ...preferences, maxPapers: 2 },
      top,
      sent: new Set([1]),
      searches: [
        { savedSearchId: 7, query: 'a', paperIds: [2, 1, 9, 10, 11, 12, 13, 14] },
        { savedSearchId: 8, query: 'b', paperIds: [9, 3] },
      ],
      recommend: (exclude, limit) => [3, 4, 20].filter((id) => !exclude.has(id)).slice(0, limit),
    });
    expect(content.top).toEqual([2, 3]);
    expect(content.searches).toEqual([{ savedSearchId: 7, query: 'a', paperIds: [9, 10, 11, 12, 13] }]);
    expect(content.searches[0]!.paperIds).toHaveLength(MAX_PER_SEARCH);
    expect(content.forYou).toEqual([4, 20]);
  });

  it('is empty when everything was sent before and nothing else matches', () => {
    const { content, empty } = chooseDigestContent({
      preferences,
      top,
      sent: new Set([1, 2, 3, 4]),
      searches: [{ savedSearchId: 1, query: 'x', paperIds: [2] }],
    });
    expect(empty).toBe(true);
    expect(content).toEqual({ top: [], searches: [], forYou: [] });
  });
});
