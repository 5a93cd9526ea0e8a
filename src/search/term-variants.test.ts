import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outsideData } from '../../test/support/fixtures.js';
import { indexBeirCorpus, scoreBeir } from './eval/beir.js';
import { parseSearchQuery } from './query-parser.js';
import { PLAN_TUNING, planQuery } from './query-plan.js';
import { makeDoc, tempIndex } from './search.test-utils.js';
import { createTermStats } from './term-stats.js';
import { joinedVariants, spellingVariants } from './term-variants.js';

describe('spelling variants (hand-checked)', () => {
  it('proposes the American and the British spelling of medical words', () => {
    expect(spellingVariants('ischaemia')).toContain('ischemia');
    expect(spellingVariants('oesophagus')).toContain('esophagus');
    expect(spellingVariants('tumour')).toContain('tumor');
    expect(spellingVariants('randomised')).toContain('randomized');
    expect(spellingVariants('ischemia')).toContain('ischaemia');
    expect(spellingVariants('hemoglobin')).toContain('haemoglobin');
    expect(spellingVariants('tumor')).toContain('tumour');
  });

  it('writes Greek letters out and back', () => {
    expect(spellingVariants('γ')).toEqual(['gamma']);
    expect(spellingVariants('rorγ')).toEqual(expect.arrayContaining(['rorgamma', 'ror']));
    expect(spellingVariants('alpha')).toContain('α');
    expect(spellingVariants('tnfalpha')).toContain('tnfα');
  });

  it('never proposes the word itself, and nothing for a plain word', () => {
    expect(spellingVariants('cell')).toEqual([]);
    for (const w of ['ischaemia', 'tumor', 'γ', 'alpha']) expect(spellingVariants(w)).not.toContain(w);
  });

  it('joins a name and its number, or a prefix and its word, but not two plain words', () => {
    expect(joinedVariants(['il', '6', 'levels'])).toEqual(['il6']);
    expect(joinedVariants(['non', 'vertebral', 'fractures'])).toEqual(['nonvertebral']);
    expect(joinedVariants(['t', 'cell', 'receptor'])).toEqual([]);
    expect(joinedVariants(['6', 'months'])).toEqual([]);
  });
});

describe('planQuery with variants', () => {
  let t: ReturnType<typeof tempIndex>;
  let db: Database.Database;
  const saved = PLAN_TUNING.variants;
  beforeAll(() => {
    t = tempIndex();
    t.index.upsert([
      makeDoc({ paperId: 1, title: 'IL6 signalling in ischemia', abstract: 'Serum IL6 rises after ischemia.' }),
      makeDoc({ paperId: 2, title: 'Tumour growth', abstract: 'Growth of tumours in mice.' }),
    ]);
    db = new Database(t.file);
  });
  afterEach(() => {
    PLAN_TUNING.variants = saved;
  });
  afterAll(() => {
    db.close();
    t.dispose();
  });
  const words = (q: string) =>
    planQuery({ query: parseSearchQuery(q), stats: createTermStats(db) }).terms.map((x) => x.word);

  it('is off by default', () => {
    expect(PLAN_TUNING.variants).toEqual([]);
    expect(words('IL-6 levels rise during cerebral ischaemia in rats')).not.toContain('il6');
  });

  it('adds only the variants the index holds, to OR queries', () => {
    PLAN_TUNING.variants = ['spelling', 'joined'];
    const long = words('IL-6 levels rise during cerebral ischaemia in rats');
    expect(long).toEqual(expect.arrayContaining(['il6', 'ischemia']));
    // "levels" has no variant in the index; a variant the index lacks ("levles") is never proposed or kept.
    expect(
      long.filter((w) => !['il', '6', 'levels', 'rise', 'cerebral', 'ischaemia', 'rats'].includes(w)).sort(),
    ).toEqual(['il6', 'ischemia']);
  });

  it('leaves short (AND) queries alone: a variant would become a required word', () => {
    PLAN_TUNING.variants = ['spelling', 'joined'];
    expect(words('IL-6 ischaemia')).toEqual(expect.not.arrayContaining(['il6', 'ischemia']));
  });
});

// SciFact (CC BY-NC 2.0) is read from ../shared/data, never copied; only its *train* split is read here.
const SCIFACT = outsideData('beir-scifact');

describe.skipIf(SCIFACT.missing)(`variants on SciFact train (${SCIFACT.reason})`, () => {
  const saved = PLAN_TUNING.variants;
  afterEach(() => {
    PLAN_TUNING.variants = saved;
  });

  // Measured (docs/search.md, scripts/eval-variants.ts): BM25 0.7077, joined names 0.7088, recall@100 0.9269 → 0.9282.
  it('joined names keep SciFact train within noise of BM25 and recall@100 at least as high', {
    timeout: 300_000,
  }, () => {
    const t = tempIndex();
    try {
      indexBeirCorpus({ datasetDir: SCIFACT.path, index: t.index });
      const off = scoreBeir({ datasetDir: SCIFACT.path, index: t.index, split: 'train' });
      // A second index: results are cached by query text, and the planner setting is not part of the key.
      const u = tempIndex();
      try {
        indexBeirCorpus({ datasetDir: SCIFACT.path, index: u.index });
        PLAN_TUNING.variants = ['joined'];
        const joined = scoreBeir({ datasetDir: SCIFACT.path, index: u.index, split: 'train' });
        expect(off['ndcg@10']).toBeGreaterThanOrEqual(0.703);
        expect(joined['ndcg@10']).toBeGreaterThanOrEqual(off['ndcg@10'] - 0.003);
        expect(joined['recall@100']).toBeGreaterThanOrEqual(off['recall@100']);
      } finally {
        u.dispose();
      }
    } finally {
      t.dispose();
    }
  });
});
