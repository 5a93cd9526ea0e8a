import { describe, expect, it } from 'vitest';
import { FINDING_CUE, queriesOfPapers, sentencesOf } from './arxiv-queries.js';

const paper = {
  title: 'Sparse attention for long documents',
  abstract:
    'Long documents are hard for transformers because attention grows with the square of the length. ' +
    'We propose a sparse attention pattern that keeps a few global tokens and a local window. ' +
    'We show that the pattern reduces memory by a factor of eight on long inputs. ' +
    'Code and trained models are available online for everyone.',
};

describe('training queries from licence-clean papers', () => {
  it('splits an abstract into its sentences', () => {
    expect(sentencesOf(paper.abstract)).toHaveLength(4);
  });

  it('sentence: one sentence is the query and is removed from its paper', () => {
    const set = queriesOfPapers([paper], { seed: 18, kind: 'sentence' });
    expect(set.queries).toHaveLength(1);
    const q = set.queries[0]!.text;
    expect(sentencesOf(paper.abstract)).toContain(q);
    expect(set.corpus[0]!.text).not.toContain(q);
    expect(set.corpus[0]!.title).toBe(paper.title);
    expect(set.qrels.get('q1')).toBe('a1');
  });

  it('finding: only a result-stating sentence becomes the query', () => {
    for (const seed of [1, 2, 3, 18]) {
      const set = queriesOfPapers([paper], { seed, kind: 'finding' });
      // Of the four sentences only the third states a finding ("We show that … reduces").
      expect(set.queries[0]!.text).toBe('We show that the pattern reduces memory by a factor of eight on long inputs.');
    }
    expect(FINDING_CUE.test('Code and trained models are available online for everyone.')).toBe(false);
  });

  it('finding: without a cue the last sentence is the query', () => {
    const plain = {
      ...paper,
      abstract: paper.abstract.replace('We show that the pattern reduces', 'The pattern cuts'),
    };
    const set = queriesOfPapers([plain], { kind: 'finding' });
    expect(set.queries[0]!.text).toBe('Code and trained models are available online for everyone.');
  });

  it('title: the title is the query and the paper is indexed without it', () => {
    const set = queriesOfPapers([paper, { title: 'Short title', abstract: paper.abstract }], { kind: 'title' });
    expect(set.queries).toEqual([{ _id: 'q1', text: paper.title }]);
    expect(set.corpus[0]).toEqual({ _id: 'a1', title: '', text: paper.abstract });
    // A title under four words is kept with its paper and asks nothing.
    expect(set.corpus[1]!.title).toBe('Short title');
  });
});
