// The search page in Debian's Chromium, on data this test seeds itself: results as daily cards (math rendered,
// matches marked inside formulas, votes that work), "did you mean", counts that agree with their facets, and
// semantic/hybrid shown disabled without an embedding model.
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { makeUser, PASSWORD } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, signInThroughForm, type TestBrowser } from '../support/browser.js';
import { makePaper } from '../support/papers.js';
import { seedListed } from '../support/seed.js';

const TIMEOUT = 180_000;

async function seed(store: Store) {
  await seedListed(store, [
    {
      day: '2024-05-01',
      upvotes: 3,
      paper: {
        arxivId: '2405.00001',
        title: 'Sparse $\\mathrm{attention}$ for long transformer contexts',
        abstract:
          'We bound $T_1,T_2,\\dots,T_d$ and the $\\text{attention}$ weights $W$ of a transformer with $k$-sparse heads.',
        categories: ['cs.LG'],
        links: [{ kind: 'github', url: 'https://github.com/example/sparse' }],
      },
    },
    ...Array.from({ length: 11 }, (_, i) => ({
      day: '2024-05-02',
      paper: {
        arxivId: `2405.${String(100 + i).padStart(5, '0')}`,
        title: `Transformer variant number ${i}`,
        abstract: 'A transformer for text.',
        categories: ['cs.CL'],
      },
    })),
  ]);
  // A name query: one paper by the person, two that only mention the name (one of them in the title).
  await seedListed(store, [
    {
      day: '2024-05-03',
      paper: {
        arxivId: '2405.00201',
        title: 'Yann LeCun and the world model debate',
        abstract: 'We revisit what Yann LeCun said about world models, and what LeCun left open.',
        authors: [{ name: 'Ada Smith' }],
      },
    },
    {
      day: '2024-05-03',
      paper: {
        arxivId: '2405.00202',
        title: 'Joint embedding predictive architectures',
        abstract: 'Self-supervised learning from images.',
        authors: [{ name: 'Yann LeCun' }, { name: 'Bo Li' }],
      },
    },
    {
      day: '2024-05-03',
      paper: {
        arxivId: '2405.00203',
        title: 'Convolutional nets after LeCun',
        abstract: 'Yann would approve.',
        authors: [{ name: 'Cy Doe' }],
      },
    },
  ]);
  // A broad query (1,050 quant-ph papers, more than the count cap) and a narrow facet (30 gr-qc papers).
  await store.papers.upsertMany(
    Array.from({ length: 1080 }, (_, i) =>
      makePaper({
        arxivId: `2301.${String(10000 + i)}`,
        title: `Quantum system ${i}`,
        abstract: 'Quantum effects in matter.',
        categories: i < 1050 ? ['quant-ph'] : ['gr-qc'],
        primaryCategory: i < 1050 ? 'quant-ph' : 'gr-qc',
      }),
    ),
  );
  await makeUser(store, { username: 'reader' });
}

describe('searching in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let chromium: TestBrowser;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seed(store);
    ({ app } = await buildTestApp({ store }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    chromium = await launchTestBrowser();
    browser = chromium.browser;
  }, TIMEOUT);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await store?.close();
  });

  const go = async (page: Page, url: string) => {
    await page.goto(`${base}${url}`);
    await page.waitForLoadState('load');
  };
  const total = async (page: Page) => (await page.locator('[data-total]').innerText()).split(' · ')[0]!.trim();

  it('shows results as daily cards with rendered math, a match marked inside TeX, and a working upvote', {
    timeout: TIMEOUT,
  }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await go(page, '/login');
    await signInThroughForm(page, 'reader', PASSWORD);

    await go(page, '/search?q=attention');
    const card = page.locator('article.paper-card#paper-2405\\.00001');
    await card.waitFor();
    // The match inside $\mathrm{attention}$ marks the whole rendered formula; KaTeX renders, no TeX source shows.
    expect(await card.locator('.card-title mark .katex').count()).toBe(1);
    expect(await card.locator('.card-abstract mark .katex').count()).toBeGreaterThan(0);
    expect(await card.locator('.katex-error, .math-fallback').count()).toBe(0);
    const text = await card.innerText();
    expect(text).not.toContain('$');
    expect(text).not.toContain('\\mathrm');
    expect(text).toContain('code');
    expect(text).toMatch(/0 comments/);
    // The same vote button as the daily page, and it works from the search page.
    const count = card.locator('[data-upvote-count]');
    expect(await count.innerText()).toBe('3');
    await card.locator('.upvote-button').click();
    await expect.poll(async () => count.innerText(), { timeout: 30_000 }).toBe('4');
    expect(await card.locator('.upvote-button').getAttribute('aria-pressed')).toBe('true');
    await go(page, '/search?q=attention');
    expect(await page.locator('article.paper-card#paper-2405\\.00001 [data-upvote-count]').innerText()).toBe('4');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a misspelling with the corrected results and a way back to the query as typed', {
    timeout: TIMEOUT,
  }, async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await go(page, '/search?q=transfromer');
    const notice = page.locator('[data-spelling]');
    expect(await notice.innerText()).toMatch(/Showing results for transformer\. Search instead for transfromer\./);
    expect(await page.locator('article.paper-card').count()).toBe(12);
    await Promise.all([page.waitForURL(/spell=false/), page.locator('[data-search-original]').click()]);
    expect(await total(page)).toBe('0 papers');
    expect(await page.locator('[data-spelling]').innerText()).toBe('Did you mean transformer?');
    await Promise.all([page.waitForURL(/q=transformer/), page.locator('[data-spelling] a').click()]);
    expect(await total(page)).toBe('12 papers');
    expect(await page.locator('[data-spelling]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives each facet the count its page shows, and none past the cap', { timeout: TIMEOUT }, async () => {
    const page = await browser.newPage();
    await go(page, '/search?q=quantum');
    expect(await total(page)).toBe('1,000+ papers');
    // More matches than are ranked: the facet values are offered without counts.
    expect(await page.locator('.facet a', { hasText: 'gr-qc' }).count()).toBe(1);
    expect(await page.locator('[data-facet-count]').count()).toBe(0);
    await Promise.all([page.waitForURL(/category=gr-qc/), page.locator('.facet a', { hasText: 'gr-qc' }).click()]);
    expect(await total(page)).toBe('30 papers');
    expect(await page.locator('.facet [data-facet-count]').first().innerText()).toBe('30');
    // Below the cap every facet's count is what its page says.
    const years = page.locator('.facet', { hasText: 'Year' }).locator('li');
    const label = (await years.first().locator('a').innerText()).trim();
    const count = (await years.first().locator('[data-facet-count]').innerText()).trim();
    await Promise.all([page.waitForURL(/year=/), years.first().locator('a').click()]);
    expect(await total(page)).toBe(`${count} ${count === '1' ? 'paper' : 'papers'}`);
    expect(label).toMatch(/^\d{4}$/);
    await page.close();
  });

  it('ranks the papers by an author above papers that mention the name', { timeout: TIMEOUT }, async () => {
    const page = await browser.newPage();
    await go(page, '/search?q=Yann+LeCun');
    const cards = page.locator('article.paper-card');
    expect(await cards.count()).toBe(3);
    expect(await cards.first().getAttribute('id')).toBe('paper-2405.00202');
    expect(await cards.first().locator('.card-authors').innerText()).toContain('Yann LeCun');
    await page.close();
  });

  it('shows Semantic and Hybrid disabled with the reason when no embedding model is configured', {
    timeout: TIMEOUT,
  }, async () => {
    const page = await browser.newPage();
    await go(page, '/search?q=transformer');
    const modes = page.locator('nav.search-modes');
    expect(await modes.locator('a').allInnerTexts()).toEqual(['Keyword']);
    const disabled = modes.locator('[aria-disabled="true"]');
    expect(await disabled.allInnerTexts()).toEqual(['Semantic', 'Hybrid']);
    expect(await disabled.first().getAttribute('title')).toMatch(/embedding model/);
    expect(await page.locator('.mode-reason').innerText()).toMatch(/none is configured/);
    await disabled.first().click();
    expect(new URL(page.url()).searchParams.get('mode')).toBeNull();
    await page.close();
  });
});
