// Version watch end to end: arXivRaw pages of one paper at successive versions (test/fixtures/arxiv-oai-pmh/
// arxiv-db-versions, derived from arXiv's own per-version rows: see PROVENANCE.md there) served by the fake arXiv,
// harvested into a real store, read back through the real server's paper page and diff page.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { harvestIntoStore } from '../../src/ingest/arxiv.usecases.js';
import { createPoliteFetcher } from '../../src/ingest/http/polite-fetcher.js';
import { OaiParseError } from '../../src/ingest/oai/errors.js';
import { listPaperEventsAfter } from '../../src/papers/versions.usecases.js';
import { openStore, type Store } from '../../src/store/store.js';
import { buildTestApp } from '../support/app.js';
import { type FakeArxiv, startFakeArxiv } from '../support/fake-arxiv-server.js';
import { fixtureUrl } from '../support/fixtures.js';

const page = (id: string, version: number) =>
  readFileSync(fixtureUrl(`arxiv-oai-pmh/arxiv-db-versions/${id}-v${version}.xml`), 'utf8');

let fake: FakeArxiv;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  fake = await startFakeArxiv();
});
afterAll(() => fake.close());
beforeEach(async () => {
  store = await openStore({ sqliteFile: ':memory:' });
  ({ app } = await buildTestApp({ store }));
});
afterEach(async () => {
  await app.close();
  await store.close();
});

async function harvestPage(xml: string) {
  fake.serveOaiPage(xml);
  const config = loadConfig({ env: { DAILYPAPERS_ARXIV_OAI_URL: fake.oaiUrl }, file: undefined });
  const fetcher = createPoliteFetcher({
    ...{ userAgent: 'test (+mailto:ops@example.org)', minDelayMs: 1, timeoutMs: 5000 },
    ...{ maxRetries: 0, maxRetryAfterMs: 10, backoffBaseMs: 5 },
  });
  return harvestIntoStore({ store, config, fetcher, from: '2011-01-01' });
}

const events = async () =>
  (await listPaperEventsAfter(store, { afterSeq: 0 })).map((e) => [e.arxivId, e.kind, e.version]);
const get = (url: string) => app.inject({ method: 'GET', url });
const historyOf = (body: string) => /<section id="version-history"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';

describe('version watch', () => {
  it('harvest v1, then v2: the page shows both versions, the diff shows the change, one event; a re-harvest adds none', async () => {
    expect(await harvestPage(page('1102.0509', 1))).toMatchObject({ inserted: 1 });
    const atV1 = await get('/papers/1102.0509');
    expect(atV1.statusCode).toBe(200);
    expect(atV1.body).toContain('Strong subgroup commutativity degree of finite groups');
    expect(historyOf(atV1.body)).toBe(''); // one version: the sidebar's date is the whole history
    expect((await get('/papers/1102.0509')).headers.etag).toBe(atV1.headers.etag); // cached while nothing changes
    expect(await events()).toEqual([]);

    expect(await harvestPage(page('1102.0509', 2))).toMatchObject({ updated: 1 });
    const atV2 = await get('/papers/1102.0509');
    expect(atV2.headers.etag).not.toBe(atV1.headers.etag);
    const history = historyOf(atV2.body);
    expect(history).toContain('Version history');
    expect(history).toMatch(
      /data-version="1"><a href="https:\/\/arxiv\.org\/abs\/1102\.0509v1">v1<\/a> <time datetime="2011-02-02T17:32:29\.000Z">2 Feb 2011<\/time>/,
    );
    expect(history).toMatch(
      /data-version="2"><a [^>]*>v2<\/a> <time datetime="2011-05-24T13:24:39\.000Z">24 May 2011<\/time>/,
    );
    expect(history).toContain('href="/papers/1102.0509/diff?from=v1&amp;to=v2"');
    expect(history).not.toContain('withdrawn');
    expect(await events()).toEqual([['1102.0509', 'new_version', 2]]);

    const diff = await get('/papers/1102.0509/diff?from=v1&to=v2');
    expect(diff.statusCode).toBe(200);
    // arXiv's own rows: v1 "Strong subgroup commutativity degree of finite groups" → v2 "Considerations on the
    // subgroup commutativity degree and related notions".
    const title = /<p class="diff-text diff-title">([\s\S]*?)<\/p>/.exec(diff.body)?.[1] ?? '';
    expect(title).toBe(
      '<del class="diff-del">Strong</del><ins class="diff-ins">Considerations on the</ins> subgroup commutativity degree <del class="diff-del">of finite groups</del><ins class="diff-ins">and related notions</ins>',
    );
    const abstract = /<p class="diff-text diff-abstract">([\s\S]*?)<\/p>/.exec(diff.body)?.[1] ?? '';
    expect(abstract).toMatch(/<ins class="diff-ins">[^<]*concept of ?<\/ins>/);
    // Math stays whole and rendered: $G$ and $HK=KH$ are KaTeX, no "$" or half formula is left in the text.
    expect(abstract).toContain('class="katex"');
    expect(abstract.replace(/<[^>]*>/g, '')).not.toContain('$');
    expect(diff.body).toContain('Changes from v1 to v2');

    // The same record again, and the older one, change nothing: still one event.
    expect(await harvestPage(page('1102.0509', 2))).toMatchObject({ unchanged: 1, changed: false });
    expect(await harvestPage(page('1102.0509', 1))).toMatchObject({ unchanged: 1, changed: false });
    expect(await events()).toEqual([['1102.0509', 'new_version', 2]]);

    // v3 has v2's text: a new version all the same, and its diff says the texts are the same.
    await harvestPage(page('1102.0509', 3));
    expect(await events()).toEqual([
      ['1102.0509', 'new_version', 2],
      ['1102.0509', 'new_version', 3],
    ]);
    const same = await get('/papers/1102.0509/diff?from=v2&to=v3');
    expect(same.body).toContain('Title and abstract are the same in v2 and v3.');
    expect(same.body).not.toContain('diff-ins');
    const whole = await get('/papers/1102.0509/diff');
    expect(whole.body).toContain('Changes from v1 to v3');
  }, 120_000);

  it('a withdrawal is one event and "withdrawn" on the page; a resubmission is a new version again', async () => {
    await harvestPage(page('1101.2736', 1));
    expect(await harvestPage(page('1101.2736', 2))).toMatchObject({ updated: 1 });
    expect(await events()).toEqual([['1101.2736', 'withdrawn', 2]]);
    const withdrawn = await get('/papers/1101.2736');
    expect(withdrawn.body).toContain('<strong>Withdrawn.</strong>');
    expect(historyOf(withdrawn.body)).toMatch(/data-version="2">.*<span class="badge badge-warning">withdrawn<\/span>/);
    const diff = await get('/papers/1101.2736/diff?from=v1&to=v2');
    expect(diff.body).toContain('Changes from v1 to v2 (withdrawn)');
    expect(diff.body).toContain(
      '<ins class="diff-ins">This paper has been withdrawn by the author due to an error on the modulation.</ins>',
    );

    expect(await harvestPage(page('1101.2736', 2))).toMatchObject({ changed: false });
    await harvestPage(page('1101.2736', 3));
    expect(await events()).toEqual([
      ['1101.2736', 'withdrawn', 2],
      ['1101.2736', 'new_version', 3],
    ]);
    const back = await get('/papers/1101.2736');
    expect(back.body).not.toContain('<strong>Withdrawn.</strong>');
    expect(historyOf(back.body)).not.toContain('badge-warning');
  }, 120_000);

  it('a paper first seen at a later version: older texts are said to be unknown, and not compared', async () => {
    await harvestPage(page('1102.0509', 3));
    expect(await events()).toEqual([]); // first sight is no news
    const history = historyOf((await get('/papers/1102.0509')).body);
    expect(history).toContain('Title and abstract of v1, v2 not known here');
    expect(history).not.toContain('/diff?');
    const unknown = await get('/papers/1102.0509/diff?from=v1&to=v3');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('never saw the text of v1 of arXiv:1102.0509');
  }, 120_000);

  it('malformed version data is refused: nothing of the page is stored, and bad version labels are a 400 or 404', async () => {
    await harvestPage(page('1102.0509', 1));
    const v2 = page('1102.0509', 2);
    const twice = v2.replace(/(<version version="v2">.*?<\/version>)/, '$1$1');
    await expect(harvestPage(twice)).rejects.toThrow(/version v2 is listed twice/);
    await expect(harvestPage(v2.replace('version="v2"', 'version="v0"'))).rejects.toBeInstanceOf(OaiParseError);
    await expect(harvestPage(v2.replace('version="v2"', 'version="second"'))).rejects.toThrow(/unreadable <version>/);
    expect((await store.papers.findByArxivId('1102.0509'))?.version).toBe(1);
    expect(await events()).toEqual([]);

    expect((await get('/papers/1102.0509/diff?from=banana')).statusCode).toBe(400);
    expect((await get('/papers/1102.0509/diff?from=v0')).statusCode).toBe(400);
    const none = await get('/papers/1102.0509/diff?from=v1&to=v7');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('has no v7 here');
    expect((await get('/papers/2401.99999/diff')).statusCode).toBe(404);
  }, 120_000);
});
