import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../query-parser.js';
import { makeDoc } from '../search.test-utils.js';
import { openSearchIndex, type SearchIndex } from '../search-index.js';
import { MODEL_FORMAT, modelProblem, type RerankModel } from './model.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-rerank-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model that only cares whether the query occurs as a phrase: its order is known without BM25. */
const phraseModel: RerankModel = {
  format: MODEL_FORMAT,
  version: 1,
  kind: 'linear',
  features: ['exactPhrase'],
  weights: [1],
  depth: 100,
  prf: { docs: 10, terms: 10, lambda: 0.5 },
  trainedOn: 'test',
};

function writeModel(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function openWith(modelFile: string, mode: 'model' | 'prf' | 'off' = 'model') {
  const warnings: string[] = [];
  const index = openSearchIndex({
    path: path.join(mkdtempSync(path.join(dir, 'ix-')), 'search.db'),
    rerank: { mode, modelFile, warn: (m) => warnings.push(m) },
  });
  index.upsert([
    // Many mentions of both words, never together: the BM25 winner.
    makeDoc({
      paperId: 1,
      title: 'Sparse models and attention',
      abstract: 'Sparse networks use attention heads; sparse codes, attention maps.',
    }),
    // One mention, as a phrase: the phrase model's winner.
    makeDoc({ paperId: 2, title: 'Long documents', abstract: 'We propose sparse attention for long inputs.' }),
    makeDoc({ paperId: 3, title: 'Unrelated', abstract: 'Nothing about the query at all.' }),
  ]);
  return { index, warnings };
}

const order = (index: SearchIndex, rerank?: 'off' | 'prf' | 'model') =>
  index
    .search(parseSearchQuery('sparse attention'), { limit: 10, offset: 0, sort: 'relevance', rerank })
    .hits.map((h) => h.paperId);

describe('reranker model file', () => {
  it('reorders by a valid model, and is off on request', () => {
    const { index, warnings } = openWith(writeModel('phrase.json', JSON.stringify(phraseModel)));
    expect(order(index, 'off')).toEqual([1, 2]);
    expect(order(index)).toEqual([2, 1]);
    expect(warnings).toEqual([]);
    index.close();
  });

  it('reranks similar papers over more candidates than the page shows', () => {
    const { index } = openWith(writeModel('phrase-similar.json', JSON.stringify(phraseModel)));
    const top = (rerank: 'off' | 'model') =>
      index.similar({ text: 'sparse attention', limit: 1, rerank }).map((h) => h.paperId);
    expect(top('off')).toEqual([1]);
    // The phrase winner is second by BM25: only a stage that sees beyond the page's one hit can promote it.
    expect(top('model')).toEqual([2]);
    index.close();
  });

  it.each([
    ['missing', path.join(dir, 'no-such-model.json')],
    ['not JSON', writeModel('truncated.json', JSON.stringify(phraseModel).slice(0, 40))],
    ['wrong shape', writeModel('shape.json', JSON.stringify({ ...phraseModel, weights: [1, 2] }))],
    ['unknown feature', writeModel('feature.json', JSON.stringify({ ...phraseModel, features: ['pagerank'] }))],
  ])('a %s model falls back to BM25 order with exactly one warning', (_, file) => {
    const { index, warnings } = openWith(file);
    expect(order(index)).toEqual([1, 2]);
    expect(order(index, 'model')).toEqual([1, 2]);
    index.upsert([makeDoc({ paperId: 4, title: 'Sparse attention again' })]);
    expect(order(index)).toContain(4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/reranker model unusable/);
    index.close();
  });

  it('PRF mode needs no model file and says nothing about it', () => {
    const { index, warnings } = openWith(path.join(dir, 'absent.json'), 'prf');
    expect(order(index).sort()).toEqual([1, 2]);
    expect(warnings).toEqual([]);
    index.close();
  });

  it('validates trees: children after their parent, features in range', () => {
    const trees = (nodes: unknown[]) => ({ ...phraseModel, kind: 'trees', weights: undefined, trees: [nodes] });
    expect(modelProblem(trees([{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: 1 }, { value: 0 }]))).toBe(
      null,
    );
    expect(
      modelProblem(trees([{ feature: 0, threshold: 0.5, left: 0, right: 2 }, { value: 1 }, { value: 0 }])),
    ).toMatch(/malformed/);
    expect(
      modelProblem(trees([{ feature: 3, threshold: 0.5, left: 1, right: 2 }, { value: 1 }, { value: 0 }])),
    ).toMatch(/out of range/);
  });
});
