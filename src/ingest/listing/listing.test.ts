import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPopulatedListingFeed, type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { createPoliteFetcher } from '../http/polite-fetcher.js';
import { ListingParseError } from './errors.js';
import { createListingClient } from './listing-client.js';
import { parseListingFeed } from './listing-feed.js';

const weekend = readFileSync(
  new URL('../../../test/fixtures/arxiv-rss/rss.arxiv.org_rss_cs.CL.2026-08-01.weekend-empty.xml', import.meta.url),
  'utf8',
);
// DERIVED fixture: only an empty (weekend) feed was ever captured, so the populated one is that real channel
// with <item>s inserted in arXiv's documented item format, filled from real API entries (see the fake server).
const ids = ['2606.13677', 'astro-ph/0601001', '1605.08386', '1707.08567'];
const populated = buildPopulatedListingFeed(ids);

describe('parseListingFeed', () => {
  it('returns no items for the real weekend capture', () => {
    expect(parseListingFeed(weekend)).toEqual([]);
  });

  it('reads id and version from the guid, the announce type, and the abstract after "Abstract:"', () => {
    const items = parseListingFeed(populated);
    expect(items.map((i) => [i.paper.arxivId, i.paper.version, i.announceType])).toEqual([
      ['2606.13677', 1, 'new'],
      ['astro-ph/0601001', 1, 'cross'],
      ['1605.08386', 2, 'replace'],
      ['1707.08567', 2, 'replace-cross'],
    ]);
    const mana = items[0]?.paper;
    expect(mana?.title).toBe('Mana: Dexterous Manipulation of Articulated Tools');
    expect(mana?.abstract.startsWith('Articulated tool manipulation remains a major challenge')).toBe(true);
    expect(mana?.authors.map((a) => a.name)).toEqual(['Zhao-Heng Yin', 'Guanya Shi', 'Pieter Abbeel', 'C. Karen Liu']);
    expect(mana?.categories).toEqual(['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG']);
    expect(mana).toMatchObject({
      primaryCategory: 'cs.RO',
      publishedAt: '2026-08-03T04:00:00.000Z',
      license: 'http://creativecommons.org/licenses/by/4.0/',
    });
  });

  it('rejects malformed XML, other documents and items without an id', () => {
    expect(() => parseListingFeed(populated.replace('</title>', '</titel>'))).toThrow(ListingParseError);
    expect(() => parseListingFeed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toThrow(/RSS 2.0/);
    const noId = populated
      .replace(/<guid[^>]*>[^<]*<\/guid>/, '')
      .replace('<link>https://arxiv.org/abs/2606.13677</link>', '');
    expect(() => parseListingFeed(noId.replace('arXiv:2606.13677v1', 'arXiv:?'))).toThrow(/no readable arXiv id/);
  });
});

describe('createListingClient', () => {
  let fake: FakeArxiv;
  afterEach(() => fake.close());
  const fetcher = () =>
    createPoliteFetcher({ userAgent: 'test (+mailto:ops@example.org)', minDelayMs: 1, timeoutMs: 2000, maxRetries: 0 });

  it('fetches <baseUrl>/<category> and returns its announcements', async () => {
    fake = await startFakeArxiv({ listingFeeds: { 'cs.CL': populated } });
    const listing = createListingClient({ fetcher: fetcher(), baseUrl: fake.listingUrl });
    const items = await listing.fetchNewSubmissions('cs.CL');
    expect(items).toHaveLength(4);
    expect(await listing.fetchNewSubmissions('cs.AI+cs.LG')).toEqual([]);
    expect(fake.requests.map((r) => r.path)).toEqual(['/rss/cs.CL', '/rss/cs.AI+cs.LG']);
  });

  it('refuses a category that is not an arXiv category name, without a request', async () => {
    fake = await startFakeArxiv();
    const listing = createListingClient({ fetcher: fetcher(), baseUrl: fake.listingUrl });
    await expect(listing.fetchNewSubmissions('../oai2?verb=Identify')).rejects.toThrow(/not an arXiv category/);
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects an HTML page and a truncated feed with a ListingParseError', async () => {
    fake = await startFakeArxiv({ listingFeeds: { 'cs.CL': populated } });
    const listing = createListingClient({ fetcher: fetcher(), baseUrl: fake.listingUrl });
    fake.script({ kind: 'wrong-content-type' }, { kind: 'truncated' });
    await expect(listing.fetchNewSubmissions('cs.CL')).rejects.toThrow(/got text\/html/);
    await expect(listing.fetchNewSubmissions('cs.CL')).rejects.toThrow(ListingParseError);
  });
});
