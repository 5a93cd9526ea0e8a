// The views, stylesheet and client script together in a real Chromium, served over 127.0.0.1 with the strict
// CSP the server uses. Never skipped: a missing Chromium fails the suite (CI installs Debian's chromium).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser } from '../../../test/support/browser.js';
import { dailyPage } from './daily-page.js';
import { paperPage } from './paper-page.js';
import { dailyVM, paperVM, samplePaper } from './views.test-utils.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";
const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

interface VoteRequest {
  json: boolean;
  form: Record<string, string>;
}

const chrome = { user: { username: 'ada' }, csrfToken: 'tok' };

// Never skipped: CI installs Debian's chromium, and a missing browser must fail the suite.
describe('pages in a real browser', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const votes: VoteRequest[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res, votes));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser } = await launchTestBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  async function open(path: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    await page.goto(`${base}${path}`);
    return { page, problems, close: () => context.close() };
  }

  const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');

  it('loads the daily and paper pages with no CSP violation, script error or missing file', async () => {
    for (const path of ['/', '/papers/0704.0002']) {
      const { page, problems, close } = await open(path);
      await page.evaluate('document.fonts.ready');
      expect(problems).toEqual([]);
      // KaTeX's stylesheet is applied: the MathML copy is visually hidden.
      const mathml = "getComputedStyle(document.querySelector('.katex-mathml')).position";
      expect(await page.evaluate(mathml)).toBe('absolute');
      await close();
    }
  }, 180_000);

  it('cycles the theme system → light → dark and remembers the choice across a reload', async () => {
    const { page, close } = await open('/', { colorScheme: 'light' });
    const toggle = page.locator('[data-theme-toggle]');
    await expect(toggle.isVisible()).resolves.toBe(true);
    expect(await background(page)).toBe('rgb(255, 255, 255)');
    await toggle.click();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await toggle.click();
    expect(await page.evaluate("localStorage.getItem('theme')")).toBe('dark');
    await page.reload();
    expect(await background(page)).toBe('rgb(11, 15, 25)');
    expect(await toggle.getAttribute('aria-label')).toBe('Colour theme: dark');
    await toggle.click();
    expect(
      await page.evaluate("[document.documentElement.dataset.theme ?? null, localStorage.getItem('theme')]"),
    ).toEqual([null, null]);
    expect(await background(page)).toBe('rgb(255, 255, 255)');
    await close();
  }, 180_000);

  it('follows the system dark preference without JavaScript and hides the toggle that needs it', async () => {
    const { page, close } = await open('/', { colorScheme: 'dark', javaScriptEnabled: false });
    expect(await background(page)).toBe('rgb(11, 15, 25)');
    expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
    await close();
  }, 180_000);

  it('upvotes in place with fetch, then takes the vote back', async () => {
    votes.length = 0;
    const { page, close } = await open('/');
    const button = page.locator('.paper-card').first().locator('.upvote-button');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.locator('[data-upvote-count]').textContent()).toBe('13');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    expect(await button.locator('[data-upvote-count]').textContent()).toBe('12');
    expect(votes).toEqual([
      { json: true, form: { _csrf: 'tok', state: 'on' } },
      { json: true, form: { _csrf: 'tok', state: 'off' } },
    ]);
    expect(page.url()).toBe(`${base}/`);
    await close();
  }, 180_000);

  it('upvotes with a plain form POST when JavaScript is off', async () => {
    votes.length = 0;
    const { page, close } = await open('/', { javaScriptEnabled: false });
    await Promise.all([page.waitForNavigation(), page.locator('.upvote-button').first().click()]);
    expect(votes).toEqual([{ json: false, form: { _csrf: 'tok', state: 'on' } }]);
    await close();
  }, 180_000);

  it('shows cards in two columns on a wide screen and one on a phone', async () => {
    const columns = async (width: number) => {
      const { page, close } = await open('/', { viewport: { width, height: 900 } });
      const xs = await page
        .locator('.paper-card')
        .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().x));
      await close();
      return new Set(xs).size;
    };
    expect(await columns(1280)).toBe(2);
    expect(await columns(390)).toBe(1);
  }, 180_000);
});

async function handle(req: IncomingMessage, res: ServerResponse, votes: VoteRequest[]) {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && url.pathname.endsWith('/upvote')) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = Object.fromEntries(new URLSearchParams(body));
    const json = (req.headers.accept ?? '').includes('application/json');
    votes.push({ json, form });
    if (!json) return res.writeHead(303, { location: '/' }).end();
    const upvoted = form.state === 'on';
    return res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ upvotes: upvoted ? 13 : 12, upvoted }));
  }
  if (url.pathname.startsWith('/static/')) {
    const katex = url.pathname.startsWith('/static/katex/');
    const dir = katex ? resolve(ROOT, 'node_modules/katex/dist') : resolve(ROOT, 'public');
    const file = normalize(resolve(dir, `.${url.pathname.slice(katex ? 13 : 7)}`));
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    return res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  }
  const page =
    url.pathname === '/'
      ? dailyPage(dailyVM({ chrome }))
      : url.pathname === '/papers/0704.0002'
        ? paperPage(paperVM(samplePaper('0704.0002'), { chrome }))
        : null;
  if (!page) return res.writeHead(404).end();
  return res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP })
    .end(`${page}`);
}
