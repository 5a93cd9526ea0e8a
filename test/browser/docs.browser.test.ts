// /docs "Try it out" in Debian's Chromium against the real `serve` on a port the OS picked: the OpenAPI document
// names the URL the server really listens on, and the CSP lets Swagger UI call it (and nothing else).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { type RunningServe, startServe } from '../support/serve.js';

describe('the API documentation in a browser', () => {
  let server: RunningServe;
  let chromium: TestBrowser;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startServe({ PORT: '0' }), launchTestBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('runs "Try it out" on a GET endpoint and shows the 200 answer', async () => {
    const page = await (await chromium.browser.newContext()).newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.publicUrl}/docs`);
    const operation = page.locator('.opblock-get', { hasText: '/api/v1/session' }).first();
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.innerText()).trim()).toBe('200');
    expect(await operation.locator('.live-responses-table .microlight').first().innerText()).toContain('"user"');
    const requestUrl = await operation.locator('.request-url pre').innerText();
    expect(requestUrl).toBe(`${server.publicUrl}/api/v1/session`);
    expect(errors).toEqual([]);
  }, 120_000);
});
