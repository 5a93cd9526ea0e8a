// The community journey in Debian's Chromium against the real server: sign up, read the verification mail from
// the SMTP sink, verify, submit a paper (fetched from the loopback arXiv API), upvote, comment, reply, save to a
// collection, sign out; a moderator hides a comment. Then a corpus of XSS payloads in every place users (and
// arXiv) can put text, checked by running the pages with the CSP switched off: escaping alone must hold.
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayUtc } from '../../src/core/dates.js';
import { openStore, type Store } from '../../src/store/store.js';
import { makeUser, PASSWORD } from '../../src/web/pages/community.test-utils.js';
import { buildTestApp } from '../support/app.js';
import { collectPageErrors, launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { type FakeArxiv, startFakeArxiv } from '../support/fake-arxiv-server.js';
import { freePort } from '../support/free-port.js';
import { makePaper } from '../support/papers.js';
import { linkIn, type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';

describe('the community in a browser', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let chromium: TestBrowser;
  let browser: Browser;
  let sink: SmtpSink;
  let arxiv: FakeArxiv;

  beforeAll(async () => {
    [sink, arxiv] = await Promise.all([startSmtpSink(), startFakeArxiv()]);
    store = await openStore({ sqliteFile: ':memory:' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_SERVER_PUBLIC_URL: base,
        DAILYPAPERS_MAIL_SMTP_URL: sink.url,
        DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl,
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0',
      },
    }));
    await app.listen({ port, host: '127.0.0.1' });
    chromium = await launchTestBrowser();
    browser = chromium.browser;
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await store?.close();
    await sink?.close();
    await arxiv?.close();
  });

  async function submitForm(page: Page, selector: string) {
    await Promise.all([page.waitForLoadState('load'), page.waitForURL(() => true), page.locator(selector).click()]);
  }

  it('signs up, verifies by mail, submits, upvotes, comments, replies, saves to a collection and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${base}/signup`);
    await page.fill('#field-username', 'ada');
    await page.fill('#field-email', 'ada@example.org');
    await page.fill('#field-password', 'analytical engine');
    await submitForm(page, 'form[action="/signup"] button[type=submit]');
    await page.getByText('We sent a confirmation link to ada@example.org').waitFor();

    const mail = await sink.waitFor((m) => (m.subject ?? '').includes('Confirm'));
    await page.goto(linkIn(mail, '/account/verify'));
    await submitForm(page, 'form[action="/account/verify"] button');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByText('Your e-mail address is verified').waitFor();

    await page.fill('#field-identifier', 'ada@example.org');
    await page.fill('#field-password', 'analytical engine');
    await submitForm(page, 'form[action="/login"] button');
    await page.locator('.user-menu a.user-name', { hasText: 'ada' }).waitFor();

    await page.locator('a[href="/submit"]').click();
    await page.fill('#field-arxiv', 'https://arxiv.org/abs/1605.08386v1');
    await submitForm(page, 'form[action="/submit"] button');
    expect(new URL(page.url()).pathname).toBe('/papers/1605.08386');
    await page.getByText("1605.08386 is on today's list").waitFor();
    expect(await page.locator('.listing-info').innerText()).toContain('Submitted by ada');

    // Upvote with JavaScript: the count changes in place, the page does not reload.
    // Page code as functions throughout: a string given to waitForFunction is run with eval, which our CSP blocks.
    await page.evaluate(() => {
      (globalThis as { __samePage?: boolean }).__samePage = true;
    });
    const upvote = page.locator('.paper-actions .upvote-button');
    await upvote.click();
    await page.locator('.paper-actions [data-upvote-count]', { hasText: /^1$/ }).waitFor();
    expect(await upvote.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (globalThis as { __samePage?: boolean }).__samePage)).toBe(true);

    await page.fill('#comment-body', 'The bound in **Lemma 2** is tight for $n \\ge 3$.');
    await submitForm(page, '#new-comment button');
    const comment = page.locator('li.comment').first();
    await comment.locator('strong', { hasText: 'Lemma 2' }).waitFor();
    expect(await comment.locator('.katex').count()).toBeGreaterThan(0);

    await comment.locator('details.comment-reply > summary').click();
    await comment.locator('details.comment-reply textarea').fill('Replying to myself: also for n = 2.');
    await submitForm(page, 'li.comment details.comment-reply button');
    await page.locator('li.comment li.comment', { hasText: 'also for n = 2' }).waitFor();

    await page.locator('.paper-community details.save-menu > summary').click();
    await page.locator('.paper-community a', { hasText: 'New collection' }).click();
    await page.fill('#field-name', 'Reading list');
    await submitForm(page, 'form[action="/collections"] button');
    expect(new URL(page.url()).pathname).toBe('/papers/1605.08386');
    await page.getByText('Collection “Reading list” created with 1605.08386 in it.').waitFor();
    expect(await page.locator('.paper-community details.save-menu > summary').innerText()).toContain('Saved (1)');

    await page.goto(`${base}/`);
    expect(await page.locator('.paper-card', { hasText: '2 comments' }).count()).toBe(1);
    await submitForm(page, '.user-menu button:has-text("Sign out")');
    await page.locator('a[href="/login"]', { hasText: 'Sign in' }).waitFor();
    expect(await page.locator('.user-menu').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a moderator hide a comment, which then disappears for everyone else', async () => {
    await makeUser(store, { username: 'mod', role: 'moderator' });
    const paper = (await store.papers.findByArxivId('1605.08386'))!;
    const spammer = await makeUser(store, { username: 'spammer' });
    await store.comments.create({
      paperId: paper.id,
      userId: spammer,
      parentId: null,
      body: 'Cheap pills here',
      createdAt: new Date().toISOString(),
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${base}/login`);
    await page.fill('#field-identifier', 'mod');
    await page.fill('#field-password', PASSWORD);
    await submitForm(page, 'form[action="/login"] button');
    await page.goto(`${base}/papers/1605.08386`);
    const spam = page.locator('li.comment', { hasText: 'Cheap pills here' });
    await spam.locator('details.reason-form > summary').click();
    await spam.locator('input[name="reason"]').fill('spam');
    await submitForm(page, 'li.comment:has-text("Cheap pills here") details.reason-form button');
    await page.getByText('The comment is hidden.').waitFor();
    expect(await page.locator('li.comment', { hasText: 'Cheap pills here' }).innerText()).toContain(
      'Hidden by a moderator: spam',
    );
    await page.goto(`${base}/admin/audit`);
    expect(await page.locator('table.audit-log').innerText()).toContain('comment.hide');
    expect(errors).toEqual([]);

    const anonymous = await browser.newPage();
    await anonymous.goto(`${base}/papers/1605.08386`);
    expect(await anonymous.locator('#comments').innerText()).not.toContain('Cheap pills');
    await anonymous.close();
    await context.close();
  });

  it('never runs XSS payloads from usernames, comments, collection names, reasons or paper titles, even without the CSP', async () => {
    const payloads = [
      '<script>window.__xss = 1</script>',
      '<img src=x onerror="window.__xss = 2">',
      '"><svg onload="window.__xss = 3">',
      '\'><iframe srcdoc="<script>parent.__xss = 4</script>"></iframe>',
      '<a href="javascript:window.__xss = 5" id="xss-link">click me</a>',
      '[click me](javascript:window.__xss=6)',
      '<details open ontoggle="window.__xss = 7">',
      '$\\href{javascript:window.__xss=8}{x}$ $\\htmlId{x" onmouseover="window.__xss=9}{y}$',
      '<style>body{display:none}</style><math><mtext><script>window.__xss = 10</script></mtext></math>',
    ];
    const moderator = (await store.users.findByUsername('mod'))!.id;
    const paperIds: number[] = [];
    for (const [i, payload] of payloads.entries()) {
      const p = makePaper({
        arxivId: `2406.4000${i}`,
        title: `Title ${payload}`,
        authors: [{ name: payload }],
        abstract: `Abstract ${payload}`,
      });
      await store.papers.upsertMany([p]);
      const id = (await store.papers.findByArxivId(p.arxivId))!.id;
      paperIds.push(id);
      const user = await store.users.create({ username: `u${i}${payload}`.slice(0, 200) });
      await store.listings.add({ paperId: id, listedOn: todayUtc(), submittedBy: user });
      await store.comments.create({
        paperId: id,
        userId: user,
        parentId: null,
        body: payload,
        createdAt: new Date().toISOString(),
      });
      await store.collections.create({
        userId: user,
        name: payload,
        description: payload,
        isPublic: true,
        now: new Date().toISOString(),
      });
      await store.claims.create({ paperId: id, userId: user, authorName: payload, now: new Date().toISOString() });
      await store.audit.record({
        actorId: moderator,
        action: 'comment.hide',
        targetType: 'comment',
        targetId: '1',
        reason: payload,
      });
    }
    const collections = await store.connection.db.selectFrom('collections').select('id').execute();
    const users = await store.connection.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'u%')
      .execute();
    const paths = [
      '/',
      '/trending',
      '/admin/audit',
      '/admin/claims',
      ...payloads.map((_, i) => `/papers/2406.4000${i}`),
      ...collections.map((c) => `/collections/${c.id}`),
      ...users.map((u) => `/u/${encodeURIComponent(u.username)}`),
    ];

    // bypassCSP: with the CSP off, an injected script would run; only escaping stands between it and the reader.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${base}/login`);
    await page.fill('#field-identifier', 'mod');
    await page.fill('#field-password', PASSWORD);
    await submitForm(page, 'form[action="/login"] button');
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      // Opening every disclosure fires any injected ontoggle handler.
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      await page.mouse.move(10, 10);
      await page.waitForTimeout(20);
      const injected = await page.evaluate(`({
        flag: window.__xss ?? null,
        inlineScripts: document.querySelectorAll('script:not([src])').length,
        handlers: document.querySelectorAll('[onerror],[onload],[ontoggle],[onmouseover],[onclick]').length,
        frames: document.querySelectorAll('iframe, style').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      })`);
      expect(injected, path).toEqual({ flag: null, inlineScripts: 0, handlers: 0, frames: 0, jsLinks: 0 });
    }
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
