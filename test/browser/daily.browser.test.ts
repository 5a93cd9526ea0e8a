import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.js';
import { openStore, type Store } from '../../src/store/store.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, type TestBrowser } from '../support/browser.js';

// A reader's morning on the real server with the real demo data, in Debian's Chromium.
describe('reading the daily page in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await loadDemoIfEmpty({ store, logger: pino({ level: 'silent' }) });
    ({ app } = await buildTestApp({ store }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchTestBrowser();
    page = await browser.browser.newPage();
    errors = collectPageErrors(page);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('opens today, goes to the previous day, opens a paper and sees its abstract, authors and links', async () => {
    await page.goto(`${base}/`);
    const heading = await page.locator('h1').first().innerText();
    expect(heading).toMatch(/\d{4}/);
    const cards = page.locator('article.paper-card');
    expect(await cards.count()).toBeGreaterThan(0);

    await page.locator('a[rel="prev"]').first().click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('/papers?date=');
    expect(await page.locator('h1').first().innerText()).not.toBe(heading);
    const votes = await page.locator('.paper-card [data-upvote-count]').allInnerTexts();
    const counts = votes.map((v) => Number(v.replace(/\D/g, ''))).filter((n) => !Number.isNaN(n));
    expect(counts).toEqual([...counts].sort((a, b) => b - a)); // most upvoted first

    const firstTitle = page.locator('article.paper-card h2 a').first();
    const title = (await firstTitle.innerText()).trim();
    await firstTitle.click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/papers\/[\w./-]+$/);
    expect((await page.locator('h1').innerText()).trim()).toBe(title);
    expect((await page.locator('section.abstract').innerText()).length).toBeGreaterThan(100);
    expect(await page.locator('a[href^="https://arxiv.org/pdf/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="https://arxiv.org/abs/"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('shows a real 404 page for an unknown paper, without console errors', async () => {
    const response = await page.goto(`${base}/papers/2401.99999`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toContain('Not found');
    // Chromium logs the document's own 404 status; nothing else on the page may fail.
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
