// Following in Debian's Chromium against the real server, with JavaScript off (the buttons are plain forms): sign
// in, follow an author from their page, then a newly harvested paper by them appears on /following saying why.
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { makeUser, PASSWORD } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, signInThroughForm, type TestBrowser } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { makePaper } from '../support/papers.js';

describe('following in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let chromium: TestBrowser;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2501.00101',
        title: 'An earlier engine',
        authors: [{ name: 'Ada Lovelace' }],
        publishedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      }),
    ]);
    await makeUser(store, { username: 'reader' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_SERVER_PUBLIC_URL: base } }));
    await app.listen({ port, host: '127.0.0.1' });
    chromium = await launchTestBrowser();
    browser = chromium.browser;
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await store?.close();
  });

  it('follows an author without JavaScript, and their newly harvested paper appears on /following', {
    timeout: 180_000,
  }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${base}/authors/ada-lovelace`);
    await page.getByRole('link', { name: 'Sign in to follow' }).click();
    await signInThroughForm(page, 'reader', PASSWORD);
    expect(page.url()).toBe(`${base}/authors/ada-lovelace`);

    await Promise.all([page.waitForLoadState('load'), page.locator('button.follow-button').click()]);
    await page.getByText('Followed: its new papers appear on Following.').waitFor();
    expect(await page.locator('button.follow-button').innerText()).toBe('✓ Following');

    // The harvest brings a new paper by her (the store write a harvest makes).
    await store.papers.upsertMany([
      makePaper({
        arxivId: '2501.00102',
        title: 'Notes on the analytical engine',
        authors: [{ name: 'Charles Babbage' }, { name: 'Ada Lovelace' }],
        publishedAt: new Date().toISOString(),
      }),
    ]);
    await page.getByRole('link', { name: 'Following', exact: true }).click();
    const titles = await page.locator('.card-title a').allInnerTexts();
    expect(titles).toEqual(['Notes on the analytical engine', 'An earlier engine']);
    expect(await page.locator('.follow-reasons').first().innerText()).toBe(
      'Here because: by Ada Lovelace, whom you follow',
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
