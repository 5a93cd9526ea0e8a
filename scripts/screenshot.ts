// npx tsx scripts/screenshot.ts [--out docs] [--search "language models"] — renders four pages of a fresh demo
// site in Debian's Chromium: the daily page, a search result page, an author page and a paper page. The author
// and paper are those of the daily page's first card, so the script works on whatever demo is bundled.
// Writes <out>/screenshot.png (the README's picture), screenshot-search.png, screenshot-author.png and
// screenshot-paper.png. Uses a temporary data directory; nothing is left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { loadDemoIfEmpty } from '../src/demo/load-demo.js';
import { storeChangeFeed } from '../src/papers/search.usecases.js';
import { syncSearchIndex } from '../src/search/index.js';
import { buildServices } from '../src/services.js';
import { buildServer } from '../src/web/server.js';
import { launchTestBrowser } from '../test/support/browser.js';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'docs' }, search: { type: 'string', default: 'language models' } },
});
const out = (name: string) => path.join(args.out!, name);

const dir = mkdtempSync(path.join(tmpdir(), 'dailypapers-shot-'));
const logger = pino({ level: 'silent' });
const config = loadConfig({ env: { DAILYPAPERS_DATA: dir } });
const services = await buildServices({ config, logger });
await loadDemoIfEmpty({ store: services.store, logger });
await syncSearchIndex({ index: services.search, fetchChanges: storeChangeFeed(services.store) });
const app = await buildServer({ services, logger });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchTestBrowser();
try {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const shoot = async (url: string, file: string) => {
    await page.goto(url.startsWith('/') ? `${base}${url}` : url);
    await page.screenshot({ path: out(file) });
    console.log(`wrote ${out(file)} (${new URL(page.url()).pathname}${new URL(page.url()).search})`);
  };
  await shoot('/', 'screenshot.png');
  const firstCard = page.locator('article.paper-card').first();
  const paperHref = await firstCard.locator('h2 a').getAttribute('href');
  const authorHref = await firstCard.locator('a.author-link').first().getAttribute('href');
  await shoot(`/search?${new URLSearchParams({ q: args.search! })}`, 'screenshot-search.png');
  if (authorHref) await shoot(authorHref, 'screenshot-author.png');
  else console.log('skipped the author page: the first card has no authors');
  if (paperHref) await shoot(paperHref, 'screenshot-paper.png');
} finally {
  await browser.close();
  await app.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
}
