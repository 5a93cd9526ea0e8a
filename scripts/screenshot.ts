// npx tsx scripts/screenshot.ts — renders the daily page of a fresh demo site in Debian's Chromium and saves
// docs/screenshot.png (the README's picture). Uses a temporary data directory; nothing is left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { loadDemoIfEmpty } from '../src/demo/load-demo.js';
import { storeChangeFeed } from '../src/papers/search.usecases.js';
import { syncSearchIndex } from '../src/search/index.js';
import { buildServices } from '../src/services.js';
import { buildServer } from '../src/web/server.js';
import { launchTestBrowser } from '../test/support/browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-shot-'));
const logger = pino({ level: 'silent' });
const config = loadConfig({ env: { DAILYPAPERS_DATA: dir } });
const services = await buildServices({ config, logger });
await loadDemoIfEmpty({ store: services.store, logger });
await syncSearchIndex({ index: services.search, fetchChanges: storeChangeFeed(services.store) });
const app = await buildServer({ services, logger });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchTestBrowser();
const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
await page.goto(`${base}/`);
await page.screenshot({ path: 'docs/screenshot.png' });
await browser.close();
await app.close();
await services.close();
rmSync(dir, { recursive: true, force: true });
console.log('wrote docs/screenshot.png');
