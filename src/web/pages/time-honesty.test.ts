// Time is honest: nothing the site serves is dated after now, no link leads past today, and a period that has
// not begun is an empty 200 page that says so. Checked on the bundled demo as `serve` loads it.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { addDays, containingPeriods, isoWeekOf, parsePeriod, shiftPeriod, todayUtc } from '../../core/dates.js';
import { loadDemoIfEmpty } from '../../demo/load-demo.js';
import { openStore, type Store } from '../../store/store.js';

const DATE_FIELDS = /<(?:pubDate|lastBuildDate|updated|published)>([^<]+)</g;

function datesIn(feed: string): number[] {
  return [...feed.matchAll(DATE_FIELDS)].map((m) => Date.parse(m[1]!));
}

describe('time on the demo site', () => {
  let store: Store;
  let app: FastifyInstance;
  let today: string;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await loadDemoIfEmpty({ store, logger: pino({ level: 'silent' }) });
    ({ app } = await buildTestApp({ store }));
    today = todayUtc();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('lists nothing after today in the daily APIs', async () => {
    for (const query of ['', `?date=${today}`, `?week=${isoWeekOf(today)}`, `?month=${today.slice(0, 7)}`]) {
      const res = await app.inject(`/api/v1/daily${query}${query ? '&' : '?'}limit=100`);
      expect(res.statusCode, query).toBe(200);
      const items = res.json().items as Array<{ listing: { listedOn: string } }>;
      expect(items.length, query).toBeGreaterThan(0);
      for (const item of items) expect(item.listing.listedOn <= today, query).toBe(true);
    }
    const hf = await app.inject(`/api/daily_papers?month=${today.slice(0, 7)}&limit=100`);
    expect(hf.statusCode).toBe(200);
    const hfItems = hf.json() as Array<{ paper: { submittedOnDailyAt: string } }>;
    expect(hfItems.length).toBeGreaterThan(0);
    for (const item of hfItems) expect(Date.parse(item.paper.submittedOnDailyAt)).toBeLessThanOrEqual(Date.now());
  });

  it('dates no feed item, feed or Last-Modified header after now', async () => {
    for (const path of [
      '/feeds/daily.rss',
      '/feeds/daily.atom',
      `/feeds/daily.atom?week=${isoWeekOf(today)}`,
      '/feeds/trending.rss',
    ]) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      const dates = datesIn(res.body);
      expect(dates.length, path).toBeGreaterThan(1);
      for (const d of dates) expect(d, path).toBeLessThanOrEqual(Date.now());
      const lastModified = res.headers['last-modified'];
      if (lastModified) expect(Date.parse(String(lastModified)), path).toBeLessThanOrEqual(Date.now());
    }
    expect((await app.inject('/feeds/daily.rss')).headers['last-modified']).toBeDefined();
  });

  it('offers no "Next" link from today, this week or this month', async () => {
    const { week, month } = containingPeriods(today);
    for (const query of ['', `?date=${today}`, `?week=${week}`, `?month=${month}`]) {
      const res = await app.inject(`/papers${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.body, query).not.toContain('rel="next"');
      expect(res.body, query).toContain('rel="prev"');
    }
  });

  it('still leads forward from a past day, week and month, never past today', async () => {
    const lastWeek = shiftPeriod(parsePeriod('week', isoWeekOf(today)), -1).value;
    const lastMonth = shiftPeriod(parsePeriod('month', today.slice(0, 7)), -1).value;
    for (const query of [`?date=${addDays(today, -14)}`, `?week=${lastWeek}`, `?month=${lastMonth}`]) {
      const body = (await app.inject(`/papers${query}`)).body;
      const next = /<a class="button" rel="next" href="\/papers\?(date|week|month)=([^"&]+)"/.exec(body);
      expect(next, query).not.toBeNull();
      const [, kind, value] = next!;
      const from = parsePeriod(kind === 'date' ? 'day' : (kind as 'week' | 'month'), value!).from;
      expect(from <= today, `${query} → ${value}`).toBe(true);
    }
  });

  it('answers a future day, week or month with an empty 200 page that says it has not begun', async () => {
    const nextWeek = shiftPeriod(parsePeriod('week', isoWeekOf(today)), 1).value;
    const nextMonth = shiftPeriod(parsePeriod('month', today.slice(0, 7)), 1).value;
    const cases: Array<[string, string]> = [
      [`?date=${addDays(today, 1)}`, 'This day has not begun yet'],
      ['?date=2999-01-01', 'This day has not begun yet'],
      [`?week=${nextWeek}`, 'This week has not begun yet'],
      [`?month=${nextMonth}`, 'This month has not begun yet'],
    ];
    for (const [query, message] of cases) {
      const res = await app.inject(`/papers${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.body, query).toContain(message);
      expect(res.body, query).not.toContain('class="paper-card"');
      expect(res.body, query).not.toContain('rel="next"');
      // "Previous" leads back to the present, not further into the future.
      const prev = /rel="prev" href="\/papers\?(?:date|week|month)=([^"&]+)"/.exec(res.body);
      expect(prev, query).not.toBeNull();
    }
    const api = await app.inject(`/api/v1/daily?month=${nextMonth}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ items: [], total: 0, next: null, previous: today.slice(0, 7) });
    const feed = await app.inject(`/feeds/daily.rss?date=${addDays(today, 1)}`);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain('<item>');
  });
});

describe('Last-Modified when a stored time lies in the future', () => {
  it('sends the server’s own time instead (RFC 9110 §8.8.2.1)', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const today = todayUtc();
    // Another process's clock ahead by an hour wrote this listing.
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    await seedListed(store, [{ day: today, createdAt: ahead, paper: { arxivId: '2412.00001' } }]);
    const { app } = await buildTestApp({ store });
    try {
      const res = await app.inject(`/feeds/daily.rss?date=${today}`);
      expect(res.statusCode).toBe(200);
      const lastModified = Date.parse(String(res.headers['last-modified']));
      expect(lastModified).toBeLessThanOrEqual(Date.now());
      expect(lastModified).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
