// A newcomer's first ten minutes, as issue 11 describes them: `serve` from a fresh data directory with the bundled
// demo, no mail server, on a port the OS picked; Debian's Chromium does what a first-time visitor does.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { type RunningServe, startServe } from '../support/serve.js';

// Words that say a mail went out. Without a mail server no page may say any of them.
const MAIL_CLAIM = /we sent|we have sent|sent you|on its way|check your inbox|has been sent|was sent to/i;

describe('a newcomer on the bundled demo without a mail server', () => {
  let server: RunningServe;
  let chromium: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startServe({ PORT: '0' }, []), launchTestBrowser()]);
    page = await (await chromium.browser.newContext()).newPage();
    errors = collectPageErrors(page);
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  async function submit(selector: string) {
    await Promise.all([page.waitForURL(() => true), page.waitForLoadState('load'), page.locator(selector).click()]);
  }
  async function expectNoMailClaim() {
    expect(await page.locator('body').innerText(), page.url()).not.toMatch(MAIL_CLAIM);
  }

  it('sees machine-learning papers with upvotes on the home page', async () => {
    await page.goto(`${server.publicUrl}/`);
    const cards = page.locator('article.paper-card');
    expect(await cards.count()).toBeGreaterThan(5);
    const text = (await cards.allInnerTexts()).join('\n');
    const mlTerms = text.match(/\b(language models?|LLMs?|diffusion|transformers?|reinforcement learning|neural)\b/gi);
    expect(mlTerms?.length ?? 0).toBeGreaterThan(5);
    const counts = (await page.locator('.paper-card [data-upvote-count]').allInnerTexts()).map(Number);
    expect(Math.max(...counts)).toBeGreaterThan(0);
  }, 120_000);

  it('finds a mixture-of-experts paper in the top 3 for "mixture of experts"', async () => {
    await page.goto(`${server.publicUrl}/search?q=${encodeURIComponent('mixture of experts')}`);
    const top3 = (await page.locator('article.paper-card').allInnerTexts()).slice(0, 3);
    expect(top3).toHaveLength(3);
    expect(top3.some((card) => /mixture[- ]of[- ]experts|\bMoE\b/i.test(card))).toBe(true);
  }, 120_000);

  it('signs up and can upvote and comment at once; no page claims a mail was sent', async () => {
    await page.goto(`${server.publicUrl}/signup`);
    await page.fill('#field-username', 'newcomer');
    await page.fill('#field-email', 'newcomer@example.org');
    await page.fill('#field-password', 'a first visit to the site');
    await submit('form[action="/signup"] button[type=submit]');
    await page.locator('.user-menu a.user-name', { hasText: 'newcomer' }).waitFor();
    await expectNoMailClaim();

    const card = page.locator('article.paper-card').first();
    const before = Number(await card.locator('[data-upvote-count]').innerText());
    await card.locator('.upvote-button').click();
    await card.locator('[data-upvote-count]', { hasText: new RegExp(`^${before + 1}$`) }).waitFor();

    await card.locator('h2 a').first().click();
    await page.waitForLoadState('load');
    await page.fill('#comment-body', 'First visit: the **ablation** in section 4 is convincing.');
    await submit('#new-comment button');
    await page.locator('li.comment strong', { hasText: 'ablation' }).waitFor();
    await expectNoMailClaim();

    for (const path of ['/account', '/digest/subscribe', '/settings/digest', '/account/reset']) {
      await page.goto(`${server.publicUrl}${path}`);
      await expectNoMailClaim();
    }
    expect(errors).toEqual([]);
  }, 180_000);

  it('gets feed links and the API documentation on the port the server really listens on', async () => {
    const port = new URL(server.address).port;
    expect(new URL(server.publicUrl).port).toBe(port);
    await page.goto(`${server.publicUrl}/`);
    const feedHref = await page.locator('link[rel="alternate"]').first().getAttribute('href');
    const feedUrl = new URL(feedHref ?? '', server.publicUrl);
    expect(feedUrl.port).toBe(port);
    const feed = await (await page.request.get(feedUrl.toString())).text();
    const ownLinks = [...feed.matchAll(/<link>(https?:\/\/[^<]+)<|<guid[^>]*>(https?:\/\/[^<]+)</g)].map(
      (m) => m[1] ?? m[2]!,
    );
    expect(ownLinks.length).toBeGreaterThan(1);
    for (const link of ownLinks) expect(new URL(link).port, link).toBe(port);

    const openapi = (await (await page.request.get(`${server.publicUrl}/api/openapi.json`)).json()) as {
      servers: Array<{ url: string }>;
    };
    expect(openapi.servers[0]?.url).toBe(server.publicUrl);
    await page.goto(`${server.publicUrl}/docs`);
    await page.locator('.opblock-get').first().waitFor();
  }, 120_000);
});
