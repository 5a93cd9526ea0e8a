import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DemoPaperEntry, planDemoCalendar } from './demo-calendar.js';

const entries = JSON.parse(
  readFileSync(new URL('../../demo/demo-listings.json', import.meta.url), 'utf8'),
) as DemoPaperEntry[];
const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const countOn = (plan: ReturnType<typeof planDemoCalendar>, day: string) =>
  plan.listings.filter((l) => l.listedOn === day).length;

describe('the demo calendar (real 2023–2024 papers onto the weekdays that end today)', () => {
  // Tuesday 1 December 2026, 20:30 UTC.
  const now = new Date('2026-12-01T20:30:00.000Z');
  const plan = planDemoCalendar({ entries, now });

  it('keeps the data’s last day (5 April 2024) unlisted and lists every other paper once', () => {
    expect(plan.awaiting.map((e) => e.arxivId).sort()).toEqual([
      '2404.04167',
      '2404.04204',
      '2404.04211',
      '2404.04256',
    ]);
    expect(plan.listings).toHaveLength(entries.length - 4);
    expect(new Set(plan.listings.map((l) => l.arxivId)).size).toBe(plan.listings.length);
  });

  it('puts the last listed weekday on today and each earlier weekday one weekday further back', () => {
    // Counted by hand from papers.json: Thu 4 Apr 2024 has 12 papers, Wed 3 Apr 8, Tue 2 Apr 9, and Mon 1 Apr 10
    // plus the 4 of Sat 30 Mar and the 1 of Sun 31 Mar.
    expect(countOn(plan, '2026-12-01')).toBe(12);
    expect(countOn(plan, '2026-11-30')).toBe(8);
    expect(countOn(plan, '2026-11-29')).toBe(0);
    expect(countOn(plan, '2026-11-28')).toBe(0);
    expect(countOn(plan, '2026-11-27')).toBe(9);
    expect(countOn(plan, '2026-11-26')).toBe(15);
  });

  it('lists only on weekdays, keeps the order of publication and never lists after now', () => {
    const byPublication = [...plan.listings].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    for (let i = 1; i < byPublication.length; i++) {
      expect(byPublication[i]!.createdAt >= byPublication[i - 1]!.createdAt).toBe(true);
    }
    for (const l of plan.listings) {
      expect([1, 2, 3, 4, 5]).toContain(weekdayOf(l.listedOn));
      expect(l.createdAt.slice(0, 10)).toBe(l.listedOn);
      expect(Date.parse(l.createdAt)).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('keeps the upvote counts of the data', () => {
    const counts = new Map(entries.map((e) => [e.arxivId, e.upvotes]));
    for (const l of plan.listings) expect(l.upvotes).toBe(counts.get(l.arxivId));
    expect(plan.listings.find((l) => l.arxivId === '2402.17764')!.upvotes).toBe(553);
  });

  it('ends on today even at a weekend and seconds after midnight, without a listing in the future', () => {
    for (const iso of ['2026-12-05T00:00:03.000Z', '2026-12-06T23:59:59.999Z', '2026-12-07T00:00:00.000Z']) {
      const at = new Date(iso);
      const p = planDemoCalendar({ entries, now: at });
      expect(countOn(p, iso.slice(0, 10)), iso).toBe(12);
      expect(Math.max(...p.listings.map((l) => Date.parse(l.createdAt))), iso).toBeLessThanOrEqual(at.getTime());
      // The weekend before today stays empty.
      const weekendDays = p.listings.filter(
        (l) => l.listedOn !== iso.slice(0, 10) && [0, 6].includes(weekdayOf(l.listedOn)),
      );
      expect(weekendDays, iso).toEqual([]);
    }
  });

  it('gives the same plan for the same moment', () => {
    expect(planDemoCalendar({ entries, now })).toEqual(plan);
  });
});
