// Which digest is due when. A daily digest covers one UTC listing day (weekdays only: arXiv announces nothing at
// weekends); a weekly one covers an ISO week. A period "settles" some hours after it ends (votes keep arriving in
// the morning), and then goes out to each subscriber at the next full hour `sendHour` of their own clock.
import { addDays, isoWeekOf, isValidDay, parsePeriod, periodLabel } from '../core/dates.js';
import { invalidDigestDate, invalidDigestPeriod } from './digest.errors.js';
import type { DigestPeriodKind } from './digest.models.js';

export interface DigestPeriod {
  kind: DigestPeriodKind;
  /** Outbox key: "daily:2024-05-01" or "weekly:2024-W18". */
  key: string;
  /** First and last UTC day covered, inclusive. */
  from: string;
  to: string;
  /** "Wednesday, 1 May 2024" or "Week 18, 2024". */
  label: string;
}

const HOUR_MS = 3_600_000;

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** The digest period of a kind that contains a UTC day (the CLI's `--period K --date D`). */
export function periodContaining({ kind, day }: { kind: DigestPeriodKind; day: string }): DigestPeriod {
  if (!isValidDay(day)) throw invalidDigestDate({ message: `"${day}" is not a valid date; expected YYYY-MM-DD` });
  if (kind === 'daily') {
    return { kind, key: `daily:${day}`, from: day, to: day, label: periodLabel('day', day) };
  }
  const week = parsePeriod('week', isoWeekOf(day));
  return { kind, key: `weekly:${week.value}`, from: week.from, to: week.to, label: periodLabel('week', week.value) };
}

/** The period an outbox key names (for rendering a stored digest). */
export function periodFromKey(key: string): DigestPeriod {
  const [kind, value] = key.split(':') as [string, string];
  if (kind === 'daily') return periodContaining({ kind, day: value });
  if (kind === 'weekly') return periodContaining({ kind, day: parsePeriod('week', value).from });
  throw invalidDigestPeriod({ message: `"${key}" is not a digest period` });
}

/** The first instant at or after `after` at which the clock in `timezone` shows `hour`:00. */
export function nextLocalHour({ after, hour, timezone }: { after: Date; hour: number; timezone: string }): Date {
  const local = localParts(after, timezone);
  for (let dayOffset = 0; dayOffset < 3; dayOffset++) {
    const wall = Date.UTC(local.year, local.month - 1, local.day + dayOffset, hour);
    const instant = wallToInstant(wall, timezone);
    if (instant >= after.getTime()) return new Date(instant);
  }
  throw new Error(`no ${hour}:00 in ${timezone} after ${after.toISOString()}`); // unreachable: a day always has one
}

/** When a period's digest goes out for one schedule. */
export function dueAt(q: { period: DigestPeriod; settleHours: number; sendHour: number; timezone: string }): Date {
  const settled = new Date(dateOf(addDays(q.period.to, 1)).getTime() + q.settleHours * HOUR_MS);
  return nextLocalHour({ after: settled, hour: q.sendHour, timezone: q.timezone });
}

/** The most recent period of a kind that is due for a schedule at `now` (daily digests skip weekend days). */
export function latestDuePeriod(q: {
  kind: DigestPeriodKind;
  now: Date;
  settleHours: number;
  sendHour: number;
  timezone: string;
}): { period: DigestPeriod; dueAt: Date } | null {
  const today = q.now.toISOString().slice(0, 10);
  const step = q.kind === 'daily' ? 1 : 7;
  // Settling takes at most 48 h and the local hour at most another day: a few steps back always find one.
  for (let back = step; back <= step * 6; back += step) {
    const day = addDays(today, -back);
    const weekday = dateOf(day).getUTCDay();
    if (q.kind === 'daily' && (weekday === 0 || weekday === 6)) continue;
    const period = periodContaining({ kind: q.kind, day });
    const due = dueAt({ period, settleHours: q.settleHours, sendHour: q.sendHour, timezone: q.timezone });
    if (due.getTime() <= q.now.getTime()) return { period, dueAt: due };
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timezone: string) {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of the zone's clock from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timezone: string): number {
  const p = localParts(new Date(instant), timezone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

// Two passes settle the offset on either side of a DST change; a wall time inside a spring-forward gap maps to
// the instant just after the gap, which is when that hour "happens" for the subscriber.
function wallToInstant(wall: number, timezone: string): number {
  let instant = wall - offsetAt(wall, timezone);
  instant = wall - offsetAt(instant, timezone);
  return instant;
}
