// The researcher's loop (#16 item 6) in Debian's Chromium against the real server: sign in, follow an author from
// their page and upvote another paper; then the scheduled harvest job, run against the loopback arXiv (recorded
// arXivRaw pages, test/fixtures/arxiv-oai-pmh/arxiv-db-versions), brings a new paper by the author and a new version
// of the upvoted one. The job's own fan-out turns them into notifications: the header counts them, /notifications
// lists them, /following shows the new paper and why.
//
// Derived data: the new paper's record is arXiv's 1102.0509 v1 with its datestamp and v1 date moved to yesterday
// (a 2011 paper harvested today is old news, which the fan-out rightly does not announce); every other byte is the
// recording's.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareJobs } from '../../src/jobs/definitions.js';
import type { Services } from '../../src/services.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makeUser, PASSWORD } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, signInThroughForm, type TestBrowser } from '../support/browser.js';
import { type FakeArxiv, startFakeArxiv } from '../support/fake-arxiv-server.js';
import { fixtureUrl } from '../support/fixtures.js';
import { freePort } from '../support/free-port.js';
import { makePaper } from '../support/papers.js';

const page = (id: string, version: number) =>
  readFileSync(fixtureUrl(`arxiv-oai-pmh/arxiv-db-versions/${id}-v${version}.xml`), 'utf8');

function asOfYesterday(xml: string): string {
  const yesterday = new Date(Date.now() - 86_400_000);
  return xml
    .replace(/<datestamp>[^<]*<\/datestamp>/, `<datestamp>${yesterday.toISOString().slice(0, 10)}</datestamp>`)
    .replace(/<date>[^<]*<\/date>/, `<date>${yesterday.toUTCString()}</date>`);
}

describe('the researcher’s loop in a browser', () => {
  let fake: FakeArxiv;
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let base: string;
  let chromium: TestBrowser;
  let browser: Browser;

  const harvest = async (xml: string) => {
    fake.serveOaiPage(xml);
    const job = declareJobs(services).find((j) => j.name === 'harvest')!;
    return job.run({ signal: new AbortController().signal, logger: services.logger });
  };

  beforeAll(async () => {
    fake = await startFakeArxiv();
    store = await openStore({ sqliteFile: ':memory:' });
    // An earlier paper by the author, so that their page exists to follow them from.
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2501.00201',
        title: 'An earlier note on commuting subgroups',
        authors: [{ name: 'Francesco G. Russo' }],
        publishedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      }),
    ]);
    await makeUser(store, { username: 'reader' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ app, services } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_SERVER_PUBLIC_URL: base,
        DAILYPAPERS_ARXIV_OAI_URL: fake.oaiUrl,
        DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
      },
    }));
    // The library's first harvest brings 1101.2736 at v1 (and, being the first, announces nothing); it is listed.
    expect((await harvest(page('1101.2736', 1))).message).toContain('1 new');
    const watched = (await store.papers.findByArxivId('1101.2736'))!;
    await store.listings.add({
      paperId: watched.id,
      listedOn: new Date().toISOString().slice(0, 10),
      submittedBy: null,
    });
    await app.listen({ port, host: '127.0.0.1' });
    chromium = await launchTestBrowser();
    browser = chromium.browser;
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await store?.close();
    await fake?.close();
  });

  it('follow an author and upvote a paper → a harvest brings their new paper and a new version → notified, on /following', {
    timeout: 240_000,
  }, async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors = collectPageErrors(tab);

    await tab.goto(`${base}/login`);
    await signInThroughForm(tab, 'reader', PASSWORD);
    expect(await tab.locator('.notifications-count').count()).toBe(0);

    await tab.goto(`${base}/authors/francesco-g-russo`);
    await Promise.all([tab.waitForLoadState('load'), tab.locator('button.follow-button').click()]);
    await tab.getByText('Followed: its new papers appear on Following.').waitFor();

    await tab.goto(`${base}/papers/1101.2736`);
    await tab.locator('.paper-actions .upvote-button').click();
    await tab.locator('.paper-actions [data-upvote-count]', { hasText: /^1$/ }).waitFor();

    // The next scheduled harvests: a new paper by the followed author, then v2 of the upvoted paper.
    const first = await harvest(asOfYesterday(page('1102.0509', 1)));
    expect(first.message).toContain('1 new paper (1 by followed authors, 1 notified)');
    // arXiv's real history of 1101.2736: v2 withdrew it, v3 brought it back.
    const second = await harvest(page('1101.2736', 2));
    expect(second.message).toContain('1 paper event (1 notified)');
    const third = await harvest(page('1101.2736', 3));
    expect(third.message).toContain('1 paper event (1 notified)');
    // Harvesting the same again tells nobody anything twice.
    expect((await harvest(page('1101.2736', 3))).message).toContain('0 paper events (0 notified), 0 new papers');

    await tab.goto(`${base}/`);
    expect(await tab.locator('.notifications-count').innerText()).toBe('3');
    await tab.locator('a.notifications-link').click();
    await tab.waitForURL(`${base}/notifications`);
    const texts = await tab.locator('.notification-list > li').allInnerTexts();
    expect(texts).toHaveLength(3);
    const title = '“Low frequency phase signal measurement with high frequency squeezing” (1101.2736)';
    expect(texts[0]).toContain(`Version 3 of ${title} is out`);
    expect(texts[1]).toContain(`${title} was withdrawn by its authors`);
    expect(texts[2]).toContain('A new paper by an author you follow');
    expect(texts[2]).toContain(
      'Strong subgroup commutativity degree of finite groups — Rajat Kanti Nath, Francesco G. Russo',
    );

    // The followed author's notification leads to /following, where the paper is, saying why.
    await Promise.all([
      tab.waitForURL(`${base}/following`),
      tab.getByRole('link', { name: 'A new paper by an author you follow' }).click(),
    ]);
    const titles = await tab.locator('.card-title a').allInnerTexts();
    expect(titles).toEqual([
      'Strong subgroup commutativity degree of finite groups',
      'An earlier note on commuting subgroups',
    ]);
    expect(await tab.locator('.follow-reasons').first().innerText()).toBe(
      'Here because: by Francesco G. Russo, whom you follow',
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
