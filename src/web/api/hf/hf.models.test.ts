import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { outsideData } from '../../../../test/support/fixtures.js';
import { makePaper } from '../../../../test/support/papers.js';
import type { StoredPaper } from '../../../papers/papers.models.js';
import { AUTO_LISTED_ID, githubRepoOf, hfDailyItem, hfPaperDetail, hfSubmitter, numCommentsOf } from './hf.models.js';
import { hfDailyPaperSchema, hfSchemas } from './hf.schemas.js';

// Real huggingface.co responses carry HF users' names and avatars and no stated licence: they stay outside the
// repository (../shared/data), and only the shape comparison below reads them.
const HF_DAILY = outsideData('hf-daily-papers');
const realItems: Record<string, unknown>[] = (HF_DAILY.missing ? [] : readdirSync(HF_DAILY.path))
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(path.join(HF_DAILY.path, f), 'utf8')));

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;
const ORIGIN = 'https://papers.example.org';

function stored(overrides: Partial<StoredPaper> = {}): StoredPaper {
  return { ...makePaper(), id: 1, changeSeq: 1, codeUrl: null, projectUrl: null, ...overrides };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every key path of the real items ("paper.authors[].name") with the JSON types seen and how many items had it. */
function shapeOf(items: unknown[]): Map<string, { types: Set<string>; count: number }> {
  const shape = new Map<string, { types: Set<string>; count: number }>();
  const visit = (value: unknown, at: string, seen: Set<string>) => {
    if (at) {
      const entry = shape.get(at) ?? { types: new Set<string>(), count: 0 };
      entry.types.add(jsonType(value));
      if (!seen.has(at)) entry.count++;
      seen.add(at);
      shape.set(at, entry);
    }
    if (Array.isArray(value)) for (const v of value) visit(v, `${at}[]`, seen);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, at ? `${at}.${k}` : k, seen);
    }
  };
  for (const item of items) visit(item, '', new Set());
  return shape;
}

const ours = JSON.parse(
  JSON.stringify([
    hfDailyItem({
      paper: stored({
        codeUrl: 'https://github.com/owner/repo',
        projectUrl: 'https://owner.github.io/proj',
        title: 'A\n  wrapped title',
      }),
      listing: { listedOn: '2024-05-01', upvotes: 3, submittedBy: 'Alice' },
      origin: ORIGIN,
    }),
    hfDailyItem({
      paper: stored(),
      listing: { listedOn: '2024-05-02', upvotes: 0, submittedBy: null },
      origin: ORIGIN,
    }),
  ]),
) as Json[];

describe.skipIf(HF_DAILY.missing)(`Hugging Face daily-paper shape (${HF_DAILY.reason})`, () => {
  it('describes the 38 real huggingface.co items with our published schema', () => {
    expect(realItems.length).toBe(38);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const schema of hfSchemas) ajv.addSchema(schema);
    const validate = ajv.getSchema(hfDailyPaperSchema.$id)!;
    for (const item of realItems) expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
    for (const item of ours) expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
  });

  it('uses only key paths that real items have, with the same JSON types', () => {
    const real = shapeOf(realItems);
    // HF's own OpenAPI has `paper.withdrawnAt`; none of the sampled papers was withdrawn.
    const withdrawn = hfDailyItem({
      paper: stored({ withdrawn: true }),
      listing: { listedOn: '2024-05-02', upvotes: 0, submittedBy: null },
      origin: ORIGIN,
    });
    const ourShape = shapeOf([...ours, JSON.parse(JSON.stringify(withdrawn))]);
    for (const [key, { types }] of ourShape) {
      if (key === 'paper.withdrawnAt') continue;
      expect(real.has(key), `${key} is not in HF's answers`).toBe(true);
      for (const t of types) expect(real.get(key)!.types, key).toContain(t);
    }
  });

  it('has every key that all real items have', () => {
    const real = shapeOf(realItems);
    const mine = shapeOf(ours);
    const always = [...real].filter(([, v]) => v.count === realItems.length).map(([k]) => k);
    const missing = always.filter((k) => !mine.has(k));
    expect(missing).toEqual([]);
  });

  it('gives huggingface_hub PaperInfo every key it reads, with the meaning it expects', () => {
    const item = ours[0] as Record<string, Record<string, Json>>;
    const paper = item.paper!;
    expect(paper.id).toMatch(/^2401\.\d{5}$/);
    expect(paper.title).toBe('A wrapped title');
    expect(item.title).toBe(paper.title);
    expect(item.summary).toBe(paper.summary);
    expect(paper.upvotes).toBe(3);
    expect(item.numComments).toBe(0);
    expect(paper.submittedOnDailyAt).toBe('2024-05-01T00:00:00.000Z');
    expect(item.publishedAt).toBe(paper.publishedAt);
    expect(paper.githubRepo).toBe('https://github.com/owner/repo');
    expect(paper.projectPage).toBe('https://owner.github.io/proj');
    expect(item.thumbnail).toMatch(/^https:\/\/papers\.example\.org\/papers\/2401\.\d+\/thumbnail\.svg$/);
    expect(item.submittedBy).toMatchObject({ name: 'Alice', fullname: 'Alice', type: 'user' });
    expect(paper.submittedOnDailyBy).toMatchObject({
      user: 'Alice',
      name: 'Alice',
      _id: (item.submittedBy as Record<string, Json>)._id!,
    });
  });
});

describe('Hugging Face field mapping', () => {
  it('derives stable 24-hex ids that differ per author position and per paper', () => {
    const paper = stored({ arxivId: '2401.00001', authors: [{ name: 'Same' }, { name: 'Same' }] });
    const a = hfPaperDetail({ paper, listing: null, origin: ORIGIN });
    const b = hfPaperDetail({ paper, listing: null, origin: ORIGIN });
    expect(a.authors.map((x) => x._id)).toEqual(b.authors.map((x) => x._id));
    expect(a.authors[0]!._id).not.toBe(a.authors[1]!._id);
    expect(a.authors[0]!._id).toMatch(/^[0-9a-f]{24}$/);
    // The first 24 hex digits of sha1('discussion:2401.00001'), computed with sha1sum, not objectIdFor() again.
    expect(a.discussionId).toBe('5ef8c174addfa4042ce2b30e');
    expect(a.discussionId).not.toBe(
      hfPaperDetail({ paper: stored({ arxivId: '2401.00002' }), listing: null, origin: ORIGIN }).discussionId,
    );
  });

  it('leaves listing fields out of a paper that was never listed', () => {
    const detail = hfPaperDetail({ paper: stored(), listing: null, origin: ORIGIN });
    expect(detail.upvotes).toBe(0);
    expect(detail.submittedOnDailyAt).toBeUndefined();
    expect(detail.submittedOnDailyBy).toBeUndefined();
    expect(detail).toMatchObject({ linkedModels: [], numTotalModels: 0, linkedDatasets: [], linkedSpaces: [] });
  });

  it('names the arXiv listing as submitter of papers nobody submitted, and keeps them out of submittedOnDailyBy', () => {
    expect(hfSubmitter({ username: null, origin: ORIGIN })).toMatchObject({
      _id: AUTO_LISTED_ID,
      name: 'arxiv',
      type: 'user',
    });
    const item = hfDailyItem({
      paper: stored(),
      listing: { listedOn: '2024-05-02', upvotes: 1, submittedBy: null },
      origin: ORIGIN,
    });
    expect(item.submittedBy._id).toBe(AUTO_LISTED_ID);
    expect(item.paper.submittedOnDailyBy).toBeUndefined();
  });

  it('gives a submitter the same _id whatever the letter case of the username', () => {
    expect(hfSubmitter({ username: 'Alice', origin: ORIGIN })._id).toBe(
      hfSubmitter({ username: 'alice', origin: ORIGIN })._id,
    );
    expect(hfSubmitter({ username: 'alice', origin: ORIGIN })).not.toHaveProperty('user');
  });

  it('reports only GitHub code links as githubRepo', () => {
    expect(githubRepoOf({ codeUrl: 'https://github.com/o/r' })).toBe('https://github.com/o/r');
    expect(githubRepoOf({ codeUrl: 'https://gitlab.com/o/r' })).toBeUndefined();
    expect(githubRepoOf({ codeUrl: null })).toBeUndefined();
  });

  it('counts comments from the listing once the listing carries a count', () => {
    expect(numCommentsOf(null)).toBe(0);
    expect(numCommentsOf({})).toBe(0);
    expect(numCommentsOf({ commentCount: 4 })).toBe(4);
  });

  it('unwraps arXiv line breaks inside paragraphs but keeps paragraphs apart, and marks withdrawal', () => {
    const paper = stored({
      abstract: 'First line\n  continues $x_i$.\n\nSecond paragraph.',
      withdrawn: true,
      updatedAt: '2024-02-01T00:00:00Z',
    });
    const detail = hfPaperDetail({ paper, listing: null, origin: ORIGIN });
    expect(detail.summary).toBe('First line continues $x_i$.\nSecond paragraph.');
    expect(detail.withdrawnAt).toBe('2024-02-01T00:00:00.000Z');
  });
});
