import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigests } from '../../src/digest/digest.usecases.js';
import type { Services } from '../../src/services.js';
import { openStore, type Store } from '../../src/store/store.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { addSubscriber } from '../support/digest.js';
import { seedListed } from '../support/seed.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';

// A subscriber's mail, read and acted on in Debian's Chromium against the real server: a paper link, the
// subscribe form in the footer, and the unsubscribe link that needs no sign-in.
const PUBLIC = 'http://mail-links.invalid';

describe('digest links in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let services: Services;
  let base: string;
  let sink: SmtpSink;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    sink = await startSmtpSink();
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      { day: '2024-05-01', upvotes: 2, paper: { arxivId: '2405.00001', title: 'Digest-worthy results' } },
    ]);
    await addSubscriber(store, { email: 'reader@example.org' });
    ({ app, services } = await buildTestApp({
      store,
      env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url, DAILYPAPERS_SERVER_PUBLIC_URL: PUBLIC },
    }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchTestBrowser();
    page = await browser.browser.newPage();
    errors = collectPageErrors(page);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await sink?.close();
  });
  const visit = (link: string) => page.goto(link.replace(PUBLIC, base));

  it('the paper link leads to the paper, and the unsubscribe link unsubscribes with one button, signed out', async () => {
    await runDigests({ services, kinds: ['daily'], day: '2024-05-01', holder: 'browser-test' });
    const mail = await sink.waitFor(
      (m) => m.to !== undefined && !Array.isArray(m.to) && m.to.text === 'reader@example.org',
    );

    await visit(linkIn(mail, '/digest/open/'));
    expect(new URL(page.url()).pathname).toBe('/papers/2405.00001');
    expect(await page.locator('h1').first().innerText()).toContain('Digest-worthy results');

    await visit(linkIn(mail, '/digest/unsubscribe'));
    expect(await page.locator('main').innerText()).toContain('Stop sending the paper digest to reader@example.org?');
    expect((await store.subscriptions.findByEmail('reader@example.org'))?.status).toBe('confirmed');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').first().innerText()).toBe('You are unsubscribed');
    expect((await store.subscriptions.findByEmail('reader@example.org'))?.status).toBe('unsubscribed');
    expect(errors).toEqual([]);
  });

  it('a reader subscribes from the footer of the daily page and gets the confirmation mail', async () => {
    await page.goto(`${base}/`);
    await page.locator('#footer-digest-email').fill('newcomer@example.org');
    await page.locator('form.digest-subscribe button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').first().innerText()).toBe('Check your inbox');
    const mail = await sink.waitFor((m) => m.subject?.includes('Confirm your dailypapers digest') ?? false);
    await visit(linkIn(mail, '/digest/confirm'));
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').first().innerText()).toBe('You are subscribed');
    expect((await store.subscriptions.findByEmail('newcomer@example.org'))?.status).toBe('confirmed');
    expect(errors).toEqual([]);
  });
});
