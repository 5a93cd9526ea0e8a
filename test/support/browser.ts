import { type Browser, chromium, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core: no browser download, no network beyond loopback.
// Playwright gives every launch a fresh, temporary profile (the equivalent of a new --user-data-dir).
const CHROMIUM = process.env.DAILYPAPERS_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchTestBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return { browser, close: () => browser.close() };
}

/** Signs in through the real /login form, already on the page, and waits to be sent on from /login. */
export async function signInThroughForm(page: Page, identifier: string, password: string): Promise<void> {
  await page.fill('#field-identifier', identifier);
  await page.fill('#field-password', password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login'),
    page.locator('form[action="/login"] button').click(),
  ]);
}

/** Collects console errors and uncaught page errors, so a test can fail on any of them. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // A navigation cancels requests still in flight (a favicon, say): that is the browser moving on, not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`requestfailed: ${req.url()} ${reason}`);
  });
  return errors;
}
