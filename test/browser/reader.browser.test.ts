// A reader's day in Debian's Chromium, on data the test seeds itself: TeX shown as text where KaTeX cannot help,
// authors linked to their pages, feeds in sight, the date picker, the week's date range, saving to a collection
// without losing one's place (with and without JavaScript), and deleting a comment only after confirming.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containingPeriods, todayUtc } from '../../src/core/dates.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makeUser, PASSWORD } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, signInThroughForm, type TestBrowser } from '../support/browser.js';
import { seedListed } from '../support/seed.js';

const LONG = { timeout: 180_000 };

describe('a reader in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let chromium: TestBrowser;
  let browser: Browser;
  const today = todayUtc();
  const { week } = containingPeriods(today);
  const filler = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      day: today,
      upvotes: 1,
      paper: { arxivId: `2406.4${String(i).padStart(4, '0')}`, title: `Filler paper number ${i}` },
    }));

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    // Upvotes put the interesting papers first; the fillers make the page long enough to scroll.
    await seedListed(store, [
      {
        day: today,
        upvotes: 3,
        paper: {
          arxivId: '2406.50001',
          title: "L\\'evy flights of $\\alpha$-stable walkers",
          abstract: 'We measure a length of $3\\si{m}$ in \\emph{every} run.',
          authors: [{ name: 'Paul Lévy' }, { name: 'Ada Lovelace' }],
        },
      },
      ...filler(12),
      {
        day: today,
        paper: { arxivId: '2406.50002', title: 'Lévy processes revisited', authors: [{ name: 'Paul Lévy' }] },
      },
    ]);
    const adaId = await makeUser(store, { username: 'ada' });
    await store.collections.create({
      userId: adaId,
      name: 'Reading',
      description: '',
      isPublic: true,
      now: new Date().toISOString(),
    });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_PAGES_PAGE_SIZE: '30' } }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    chromium = await launchTestBrowser();
    browser = chromium.browser;
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await store?.close();
  });

  async function signedIn(opts: { javaScriptEnabled: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await signInThroughForm(page, 'ada', PASSWORD);
    return { context, page };
  }

  it(
    'shows TeX accents decoded and an unknown macro as plain text, and links authors to their page',
    LONG,
    async () => {
      const page = await browser.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${base}/`);
      const card = page.locator('article[id="paper-2406.50001"]');
      expect(await card.locator('h2').innerText()).toContain('Lévy flights of');
      expect(await card.locator('h2 .katex').count()).toBe(1);
      const abstract = await card.locator('.card-abstract').innerText();
      expect(abstract).toContain('$3\\si{m}$');
      expect(abstract).toContain('in every run');
      expect(await page.locator('.katex-error, [style*="#cc0000"]').count()).toBe(0);

      await Promise.all([
        page.waitForURL(/\/authors\/paul-levy$/),
        card.locator('a.author-link', { hasText: 'Paul Lévy' }).click(),
      ]);
      expect(await page.locator('h1').innerText()).toBe('Paul Lévy');
      expect(await page.locator('article.paper-card').count()).toBe(2);
      expect(await page.locator('.co-authors a', { hasText: 'Ada Lovelace' }).count()).toBe(1);
      const feed = page.locator('a.feed-link', { hasText: 'RSS' });
      expect(await feed.isVisible()).toBe(true);
      const rss = await page.request.get(`${base}${await feed.getAttribute('href')}`);
      expect(rss.status()).toBe(200);
      expect(await rss.text()).toContain('Lévy processes revisited');

      await page.goto(`${base}/papers/2406.50001`);
      expect(await page.locator('h1').innerText()).toContain('Lévy flights');
      expect(await page.title()).toContain('Lévy flights');
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('jumps to a date with the date picker, and the week view says which days it covers', LONG, async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      expect(await page.locator('a.feed-link').first().isVisible()).toBe(true);
      await page.fill('#date-jump-input', '2024-05-01');
      await Promise.all([page.waitForURL(/date=2024-05-01/), page.locator('form.date-jump button').click()]);
      expect(await page.locator('h1').innerText()).toContain('1 May 2024');

      await page.goto(`${base}/papers?week=${week}`);
      const range = await page.locator('.period-range').innerText();
      expect(range).toMatch(/^\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}$/);
      await context.close();
    }
  });

  it(
    'saves to a collection in place with JavaScript: no navigation, the menu says so, the store has it',
    LONG,
    async () => {
      const { context, page } = await signedIn({ javaScriptEnabled: true });
      const errors = collectPageErrors(page);
      await page.goto(`${base}/`);
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations++;
      });
      const card = page.locator('article[id="paper-2406.50002"]');
      await card.scrollIntoViewIfNeeded();
      await card.locator('.save-menu summary').click();
      await card.locator('button.save-toggle', { hasText: 'Reading' }).click();
      await card.locator('[data-save-status]', { hasText: 'Saved in “Reading”.' }).waitFor({ timeout: 30_000 });
      expect(await card.locator('.save-menu summary').innerText()).toBe('Saved (1)');
      expect(await card.locator('button.save-toggle').innerText()).toBe('✓ Reading');
      expect(navigations).toBe(0);
      const ada = await store.users.findByUsername('ada');
      const saved = await store.collections.containing(ada!.id, [(await store.papers.findByArxivId('2406.50002'))!.id]);
      expect(saved?.size).toBe(1);

      // And back out again, still in place.
      await card.locator('button.save-toggle').click();
      await card.locator('[data-save-status]', { hasText: 'Removed from “Reading”.' }).waitFor({ timeout: 30_000 });
      expect(await card.locator('.save-menu summary').innerText()).toBe('Save');
      expect(navigations).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('saves without JavaScript and comes back to the same page, scrolled to the card', LONG, async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${base}/papers?week=${week}`);
    const card = page.locator('article[id="paper-2406.50002"]');
    await card.locator('.save-menu summary').click();
    await Promise.all([
      page.waitForURL(/#paper-2406\.50002$/),
      card.locator('button.save-toggle', { hasText: 'Reading' }).click(),
    ]);
    const url = new URL(page.url());
    expect(`${url.pathname}${url.search}`).toBe(`/papers?week=${week}`);
    expect(await page.locator('[data-flash="success"]').innerText()).toContain('Saved in “Reading”.');
    // The card is last on the page (no upvotes): the browser scrolled down to it, past the first cards.
    expect(await page.locator('article.paper-card').last().getAttribute('id')).toBe('paper-2406.50002');
    const box = await page.locator('article[id="paper-2406.50002"]').boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(viewport.height);
    expect((await page.locator('article.paper-card').first().boundingBox())!.y).toBeLessThan(0);
    expect(await page.locator('article[id="paper-2406.50002"] .save-menu summary').innerText()).toBe('Saved (1)');
    await context.close();
  });

  it('deletes a comment only after a confirmation step that works without JavaScript', LONG, async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${base}/papers/2406.50001`);
    await page.fill('#comment-body', 'A **bold** remark on $x^2$.');
    await Promise.all([
      page.waitForLoadState('load'),
      page.waitForURL(() => true),
      page.locator('#new-comment button').click(),
    ]);
    const comment = page.locator('li.comment').first();
    await comment.locator('details.comment-delete summary').click();
    const confirm = comment.locator('button', { hasText: 'Yes, delete' });
    expect(await confirm.isVisible()).toBe(true);
    expect(await comment.locator('.comment-body').innerText()).toContain('bold remark');

    // Before deleting: the profile shows the comment rendered as in the thread.
    const profile = await context.newPage();
    await profile.goto(`${base}/u/ada`);
    expect(await profile.locator('.profile-comment strong').innerText()).toBe('bold');
    expect(await profile.locator('.profile-comment .comment-body .katex').count()).toBe(1);
    await profile.close();

    await Promise.all([page.waitForLoadState('load'), page.waitForURL(() => true), confirm.click()]);
    expect(await page.locator('[data-flash="success"]').innerText()).toContain('Your comment is deleted.');
    // A deleted comment without replies leaves nothing behind in the thread.
    expect(await page.locator('#comments').innerText()).not.toContain('bold remark');
    await context.close();
  });
});
