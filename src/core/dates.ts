import { InvalidInputError } from './errors.js';

// Daily-feed periods. A day is a UTC calendar day ("YYYY-MM-DD"), a week is an ISO-8601 week ("2024-W18",
// Monday to Sunday, the week with the year's first Thursday is W01), a month is a calendar month ("2024-05").

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** Canonical text: 2024-05-01, 2024-W18 or 2024-05. */
  value: string;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export class InvalidPeriodError extends InvalidInputError {
  constructor(message: string) {
    super('papers.invalid_date', message);
  }
}

const DAY_MS = 86_400_000;

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
  return formatDay(now);
}

export function addDays(day: string, n: number): string {
  return formatDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

export function isValidDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && formatDay(date) === text;
}

function isoWeekStart(year: number, week: number): string {
  // Jan 4th is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
  return formatDay(new Date(mondayOfWeek1 + (week - 1) * 7 * DAY_MS));
}

export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).endsWith('53') ? 53 : 52;
}

export function parsePeriod(kind: PeriodKind, value: string): Period {
  if (kind === 'day') {
    if (!isValidDay(value)) throw new InvalidPeriodError(`"${value}" is not a valid date; expected YYYY-MM-DD`);
    return { kind, value, from: value, to: value };
  }
  if (kind === 'week') {
    const m = /^(\d{4})-W(\d{2})$/.exec(value);
    const year = Number(m?.[1]);
    const week = Number(m?.[2]);
    if (!m || week < 1 || week > weeksInYear(year)) {
      throw new InvalidPeriodError(`"${value}" is not a valid ISO week; expected YYYY-Www, e.g. 2024-W18`);
    }
    const from = isoWeekStart(year, week);
    return { kind, value, from, to: addDays(from, 6) };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new InvalidPeriodError(`"${value}" is not a valid month; expected YYYY-MM`);
  const from = `${value}-01`;
  const next = new Date(Date.UTC(Number(m[1]), month, 1));
  return { kind, value, from, to: formatDay(new Date(next.getTime() - DAY_MS)) };
}

/** The period before (-1) or after (+1) this one. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'day') return parsePeriod('day', addDays(period.value, step));
  if (period.kind === 'week') return parsePeriod('week', isoWeekOf(addDays(period.from, 7 * step)));
  const [y, m] = period.value.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + step, 1));
  return parsePeriod('month', formatDay(d).slice(0, 7));
}

/** The week and month that contain a day, for the day/week/month switcher. */
export function containingPeriods(day: string): { week: string; month: string } {
  return { week: isoWeekOf(day), month: day.slice(0, 7) };
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** How a period reads to people: "Wednesday, 1 May 2024", "Week 18, 2024", "May 2024". */
export function periodLabel(kind: PeriodKind, value: string): string {
  if (kind === 'day') {
    const d = new Date(`${value}T00:00:00Z`);
    return `${WEEKDAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  if (kind === 'week') return `Week ${Number(value.slice(6))}, ${value.slice(0, 4)}`;
  return `${MONTH_NAMES[Number(value.slice(5)) - 1]} ${value.slice(0, 4)}`;
}
