import { describe, expect, it } from 'vitest';
import { dailyPage } from './daily-page.js';
import { pageWindow } from './pagination.js';
import { dailyVM } from './views.test-utils.js';

describe('daily page', () => {
  it('is a full HTML document with the stylesheets, deferred script and no inline script or style', () => {
    const out = dailyPage(dailyVM()).toString();
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).toContain('<link rel="stylesheet" href="/static/app.css">');
    expect(out).toContain('<link rel="stylesheet" href="/static/katex/katex.min.css">');
    expect(out).toContain('<script src="/static/app.js" defer></script>');
    expect(out).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(out).not.toMatch(/<style|\son[a-z]+=/i);
  });

  it('has no inline style attributes of its own (only KaTeX markup carries them)', () => {
    const vm = dailyVM();
    const noMath = vm.items.filter((c) => !/[$\\]/.test(c.paper.title + c.paper.abstract));
    expect(noMath.length).toBeGreaterThan(0);
    expect(dailyPage({ ...vm, items: noMath }).toString()).not.toMatch(/\sstyle=/);
  });

  it('says which days a week or month view covers, and not on a day view', () => {
    const week = dailyVM();
    week.period = {
      ...week.period,
      kind: 'week',
      value: '2024-W18',
      label: 'Week 18, 2024',
      from: '2024-04-29',
      to: '2024-05-05',
    };
    expect(
      dailyPage(week)
        .toString()
        .replace(/<[^>]+>/g, ''),
    ).toContain('29 Apr 2024 – 5 May 2024');
    expect(dailyPage(dailyVM()).toString()).not.toContain('period-range');
  });

  it('has a date picker that works without JavaScript: a GET form to /papers with the shown day', () => {
    const out = dailyPage(dailyVM()).toString();
    expect(out).toContain('<form class="date-jump" method="get" action="/papers"');
    expect(out).toContain('<input id="date-jump-input" type="date" name="date" value="2024-05-01"');
  });

  it('titles the page with the period and marks it as the daily view', () => {
    const out = dailyPage(dailyVM()).toString();
    expect(out).toContain('<title>Daily papers — Wednesday, 1 May 2024 · dailypapers</title>');
    expect(out).toContain('<h1>Wednesday, 1 May 2024</h1>');
    expect(out).toContain('<a href="/" aria-current="page">Daily</a>');
  });

  it('links to the previous and next day with rel=prev and rel=next', () => {
    const out = dailyPage(dailyVM()).toString();
    expect(out).toContain('<a class="button" rel="prev" href="/papers/date/2024-04-30">← Previous day</a>');
    expect(out).toContain('<a class="button" rel="next" href="/papers/date/2024-05-02">Next day →</a>');
  });

  it('shows a disabled "next" instead of a link on the latest day', () => {
    const vm = dailyVM();
    const out = dailyPage({ ...vm, period: { ...vm.period, nextHref: null } }).toString();
    expect(out).not.toContain('rel="next"');
    expect(out).toContain('<span class="button" aria-disabled="true">Next day →</span>');
  });

  it('marks the current period kind and sort in the switchers', () => {
    const vm = dailyVM({ sort: 'trending' });
    const out = dailyPage({ ...vm, period: { ...vm.period, kind: 'week', label: 'Week 18, 2024' } }).toString();
    expect(out).toContain('<a href="/papers/week/2024-W18" aria-current="page">Week</a>');
    expect(out).toContain('<a href="/papers/date/2024-05-01">Day</a>');
    expect(out).toContain('<a href="?sort=trending" aria-current="page">Trending</a>');
    expect(out).toContain('Papers of the week');
  });

  it('lists the cards in order', () => {
    const out = dailyPage(dailyVM()).toString();
    expect(out.match(/<article class="paper-card"/g)).toHaveLength(6);
    expect(out.indexOf('#1')).toBeLessThan(out.indexOf('#2'));
  });

  it('shows an empty state when nothing was listed', () => {
    const out = dailyPage(dailyVM({ items: [] })).toString();
    expect(out).toContain('No papers were listed on this day');
    expect(out).not.toContain('paper-list');
  });

  it('says so when it falls back to the latest day with papers', () => {
    expect(dailyPage(dailyVM({ isFallback: true })).toString()).toContain('showing the latest day with papers');
    expect(dailyPage(dailyVM()).toString()).not.toContain('class="notice"');
  });

  it('paginates with the current page marked and the canonical URL of that page', () => {
    const out = dailyPage(dailyVM({ page: 5, pageCount: 12 })).toString();
    expect(out).toContain('<a class="page-link" href="/papers/date/2024-05-01?page=5" aria-current="page">5</a>');
    expect(out).toContain('<a class="page-link" rel="prev" href="/papers/date/2024-05-01?page=4">← Previous</a>');
    expect(out).toContain('<link rel="canonical" href="/papers/date/2024-05-01?page=5">');
    expect(dailyPage(dailyVM()).toString()).not.toContain('class="pagination"');
  });
});

describe('pageWindow', () => {
  it('shows the first, last and nearby pages with gaps', () => {
    expect(pageWindow({ page: 6, pageCount: 20 })).toEqual([1, 'gap', 4, 5, 6, 7, 8, 'gap', 20]);
    expect(pageWindow({ page: 1, pageCount: 3 })).toEqual([1, 2, 3]);
  });

  it('shows a single hidden page instead of a gap', () => {
    expect(pageWindow({ page: 4, pageCount: 7 })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('copes with huge page counts without listing them all', () => {
    expect(pageWindow({ page: 1, pageCount: 1e9 })).toEqual([1, 2, 3, 'gap', 1e9]);
  });
});
