import { describe, expect, it } from 'vitest';
import { dueAt, latestDuePeriod, nextLocalHour, periodContaining, periodFromKey } from './digest-period.js';

const schedule = { settleHours: 6, sendHour: 7, timezone: 'UTC' };

describe('digest periods', () => {
  it('a daily digest covers one UTC day and a weekly one the ISO week containing the date', () => {
    expect(periodContaining({ kind: 'daily', day: '2024-05-01' })).toEqual({
      kind: 'daily',
      key: 'daily:2024-05-01',
      from: '2024-05-01',
      to: '2024-05-01',
      label: 'Wednesday, 1 May 2024',
    });
    expect(periodContaining({ kind: 'weekly', day: '2024-05-01' })).toMatchObject({
      key: 'weekly:2024-W18',
      from: '2024-04-29',
      to: '2024-05-05',
      label: 'Week 18, 2024',
    });
    expect(periodFromKey('weekly:2024-W18').from).toBe('2024-04-29');
  });

  it('a malformed date or key is refused with a clear error', () => {
    expect(() => periodContaining({ kind: 'daily', day: '2024-02-30' })).toThrow(/not a valid date/);
    expect(() => periodFromKey('monthly:2024-05')).toThrow(/not a digest period/);
  });

  it("a day's digest goes out at the subscriber's hour once the day has settled", () => {
    const day = periodContaining({ kind: 'daily', day: '2024-05-01' });
    expect(dueAt({ period: day, ...schedule }).toISOString()).toBe('2024-05-02T07:00:00.000Z');
    // 05:00 comes before the day settles at 06:00, so the next 05:00 is the day after.
    expect(dueAt({ period: day, ...schedule, sendHour: 5 }).toISOString()).toBe('2024-05-03T05:00:00.000Z');
  });

  it("the subscriber's hour is read on their own clock, across time zones and DST", () => {
    const day = periodContaining({ kind: 'daily', day: '2024-05-01' });
    expect(dueAt({ period: day, ...schedule, timezone: 'America/New_York' }).toISOString()).toBe(
      '2024-05-02T11:00:00.000Z',
    );
    expect(dueAt({ period: day, ...schedule, sendHour: 8, timezone: 'Asia/Tokyo' }).toISOString()).toBe(
      '2024-05-02T23:00:00.000Z',
    );
    // Paris moves from UTC+1 to UTC+2 on 31 March 2024: 08:00 is 07:00Z before and 06:00Z after.
    const after = new Date('2024-03-30T12:00:00Z');
    expect(nextLocalHour({ after, hour: 8, timezone: 'Europe/Paris' }).toISOString()).toBe('2024-03-31T06:00:00.000Z');
    expect(
      nextLocalHour({ after: new Date('2024-03-29T12:00:00Z'), hour: 8, timezone: 'Europe/Paris' }).toISOString(),
    ).toBe('2024-03-30T07:00:00.000Z');
  });

  it('the latest due daily digest skips weekend days and waits for the hour', () => {
    const due = (iso: string) => latestDuePeriod({ kind: 'daily', now: new Date(iso), ...schedule })?.period.key;
    expect(due('2024-05-06T08:00:00Z')).toBe('daily:2024-05-03'); // Monday: Friday's list
    expect(due('2024-05-07T06:59:00Z')).toBe('daily:2024-05-03'); // Tuesday before 07:00: Monday not yet due
    expect(due('2024-05-07T07:00:00Z')).toBe('daily:2024-05-06');
  });

  it('the latest due weekly digest is last week once Monday morning has come', () => {
    const due = (iso: string) => latestDuePeriod({ kind: 'weekly', now: new Date(iso), ...schedule })?.period.key;
    expect(due('2024-05-06T07:00:00Z')).toBe('weekly:2024-W18');
    expect(due('2024-05-06T06:00:00Z')).toBe('weekly:2024-W17');
  });
});
