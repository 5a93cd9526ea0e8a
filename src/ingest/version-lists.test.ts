// Malformed version data is refused by every source, before anything is stored: version watch compares version
// numbers, so a version listed twice or a "v0" would fake or hide a new version (core/paper-versions.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPopulatedListingFeed } from '../../test/support/fake-arxiv-server.js';
import { fixtureUrl } from '../../test/support/fixtures.js';
import { parseAtomFeed } from './arxiv-api/atom-feed.js';
import { parseListingFeed } from './listing/listing-feed.js';
import { OaiParseError } from './oai/errors.js';
import { parseListRecords } from './oai/list-records.js';
import { SnapshotLineError } from './snapshot/errors.js';
import { parseSnapshotLine } from './snapshot/parse.js';

const fixture = (path: string) => readFileSync(fixtureUrl(path), 'utf8');

describe('version lists', () => {
  const v2 = fixture('arxiv-oai-pmh/arxiv-db-versions/1102.0509-v2.xml');

  it('reads a real arXivRaw version list in order', () => {
    const paper = parseListRecords(v2, 'arXivRaw').records[0]!.paper!;
    expect(paper.versions.map((v) => [v.version, v.date])).toEqual([
      [1, '2011-02-02T17:32:29.000Z'],
      [2, '2011-05-24T13:24:39.000Z'],
    ]);
    expect(paper.version).toBe(2);
  });

  it('refuses an arXivRaw record that lists a version twice or a v0, naming the record', () => {
    const twice = v2.replace(/(<version version="v2">.*?<\/version>)/, '$1$1');
    expect(() => parseListRecords(twice, 'arXivRaw')).toThrow(
      new OaiParseError('record oai:arXiv.org:1102.0509: version v2 is listed twice'),
    );
    expect(() => parseListRecords(v2.replace('version="v1"', 'version="v0"'), 'arXivRaw')).toThrow(
      /v0 is not a version/,
    );
  });

  it('refuses a snapshot line whose versions repeat a label', () => {
    const line = fixture('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl').split('\n')[0]!;
    const record = JSON.parse(line) as { versions: Array<{ version: string }> };
    record.versions = [record.versions[0]!, record.versions[0]!];
    let error: unknown;
    try {
      parseSnapshotLine({ line: JSON.stringify(record), lineNumber: 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SnapshotLineError);
    expect((error as Error).message).toMatch(/line 3.*v1 is listed twice/);
  });

  it('refuses an API entry or a listing item whose id ends in v0', () => {
    const api = fixture('arxiv-api-atom/arxiv.py-2026-recorded/bodies/id_1605.08386_s0_m100_199195aa31ad.xml');
    expect(parseAtomFeed(api).papers).toHaveLength(1);
    expect(() => parseAtomFeed(api.replace(/(abs\/1605\.08386)v\d+/, '$1v0'))).toThrow(/names version v0/);
    const listing = buildPopulatedListingFeed();
    expect(() => parseListingFeed(listing.replace(/(oai:arXiv\.org:[\d.]+)v1/, '$1v0'))).toThrow(/names version v0/);
  });
});
