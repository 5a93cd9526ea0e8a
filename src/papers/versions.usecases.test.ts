import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { declaredErrors } from '../core/errors.js';
import type { StoredPaper } from './papers.models.js';
import './versions.errors.js';
import { parseVersionLabel, versionHistory } from './versions.usecases.js';

const stored = (overrides: Partial<StoredPaper>): StoredPaper => ({
  ...makePaper(),
  id: 1,
  changeSeq: 1,
  codeUrl: null,
  projectUrl: null,
  ...overrides,
});

describe('version history', () => {
  it('lists every version arXivRaw gave, with dates and sizes, and knows which texts it holds', () => {
    const paper = stored({
      version: 2,
      versions: [
        { version: 1, date: '2011-02-02T17:32:29.000Z', size: '10kb' },
        { version: 2, date: '2011-05-24T13:24:39.000Z', size: '12kb' },
      ],
    });
    expect(versionHistory(paper, new Set([1, 2]))).toEqual([
      { version: 1, date: '2011-02-02T17:32:29.000Z', size: '10kb', withdrawn: false, atLeast: false, textKnown: true },
      { version: 2, date: '2011-05-24T13:24:39.000Z', size: '12kb', withdrawn: false, atLeast: false, textKnown: true },
    ]);
  });

  it('marks only the latest version withdrawn', () => {
    const paper = stored({
      version: 2,
      withdrawn: true,
      versions: [
        { version: 1, date: '2011-01-14T08:30:22.000Z' },
        { version: 2, date: '2011-02-02T01:07:51.000Z' },
      ],
    });
    expect(versionHistory(paper, new Set([2])).map((e) => [e.version, e.withdrawn, e.textKnown])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
  });

  it('lists a version the API skipped without a date (the API names v1 and the latest only)', () => {
    const paper = stored({
      version: 3,
      versions: [
        { version: 1, date: '2020-01-01T00:00:00.000Z' },
        { version: 3, date: '2020-03-01T00:00:00.000Z' },
      ],
    });
    expect(versionHistory(paper, new Set([3])).map((e) => [e.version, e.date])).toEqual([
      [1, '2020-01-01T00:00:00.000Z'],
      [2, null],
      [3, '2020-03-01T00:00:00.000Z'],
    ]);
  });

  it('calls the arXiv OAI format’s updated version "at least" v2, dated by its updated day', () => {
    const paper = stored({
      version: 2,
      updatedAt: '2014-12-29T00:00:00.000Z',
      versions: [{ version: 1, date: '2014-12-01T00:00:00.000Z' }],
    });
    expect(versionHistory(paper, new Set([2])).at(-1)).toMatchObject({
      version: 2,
      atLeast: true,
      date: '2014-12-29T00:00:00.000Z',
    });
  });
});

describe('version labels', () => {
  it('reads v1, v2, … and refuses anything else with versions.invalid', () => {
    expect(parseVersionLabel('v1')).toBe(1);
    expect(parseVersionLabel(' v12 ')).toBe(12);
    for (const bad of ['v0', '1', 'v', 'v1.5', 'V2', 'v99999', '']) {
      expect(() => parseVersionLabel(bad), bad).toThrow(expect.objectContaining({ code: 'versions.invalid' }));
    }
  });

  it('declares its error codes once, with their statuses', () => {
    const declared = Object.fromEntries(declaredErrors().map((e) => [e.code, e.status]));
    expect([declared['versions.invalid'], declared['versions.not_found'], declared['versions.text_unknown']]).toEqual([
      400, 404, 404,
    ]);
  });
});
