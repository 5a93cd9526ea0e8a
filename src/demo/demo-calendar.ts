// Where the demo's real papers land on the site's calendar. The data ends on 5 April 2024; the demo must look like
// a site in use today, so the papers are moved onto the weekdays that end today, keeping their order:
//   - the papers of the data's last day stay unlisted: today's new arXiv papers nobody has submitted yet, which a
//     visitor can submit (see demo-clock.ts for the age rule);
//   - every other paper belongs to the weekday it was first published on; Saturday and Sunday papers belong to the
//     Monday after (arXiv announces nothing at weekends, and Hugging Face's page is quiet then too);
//   - the n-th weekday before the data's last listed weekday becomes the n-th weekday before today, so the last
//     one is today itself (even on a weekend), the weekday rhythm holds and demo weekends stay empty;
//   - a day's listings are spread evenly over that day in publication order; today's over the part of the day that
//     has passed, so no listing is later than the moment of loading.
import { addDays, todayUtc } from '../core/dates.js';

export interface DemoPaperEntry {
  arxivId: string;
  /** arXiv's first-version time, ISO-8601 UTC. */
  publishedAt: string;
  upvotes: number;
}

export interface PlannedListing extends DemoPaperEntry {
  listedOn: string;
  createdAt: string;
}

export interface DemoCalendar {
  listings: PlannedListing[];
  /** The data's last day: in the library, not listed. */
  awaiting: DemoPaperEntry[];
}

const DAY_MS = 86_400_000;

export function planDemoCalendar(opts: { entries: DemoPaperEntry[]; now: Date }): DemoCalendar {
  const entries = [...opts.entries].sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || (a.arxivId < b.arxivId ? -1 : 1),
  );
  if (entries.length === 0) return { listings: [], awaiting: [] };
  const lastDay = dayOf(entries[entries.length - 1]!.publishedAt);
  const awaiting = entries.filter((e) => dayOf(e.publishedAt) === lastDay);
  const listed = entries.filter((e) => dayOf(e.publishedAt) !== lastDay);
  if (listed.length === 0) return { listings: [], awaiting };

  const today = todayUtc(opts.now);
  const lastWeekday = weekdayOnOrAfter(dayOf(listed[listed.length - 1]!.publishedAt));
  const demoDayOf = new Map<string, string>();
  const byDemoDay = new Map<string, DemoPaperEntry[]>();
  for (const entry of listed) {
    const realDay = dayOf(entry.publishedAt);
    let listedOn = demoDayOf.get(realDay);
    if (listedOn === undefined) {
      listedOn = weekdaysBefore(today, weekdaysBetween(weekdayOnOrAfter(realDay), lastWeekday));
      demoDayOf.set(realDay, listedOn);
    }
    byDemoDay.set(listedOn, [...(byDemoDay.get(listedOn) ?? []), entry]);
  }

  const listings: PlannedListing[] = [];
  for (const [listedOn, papers] of byDemoDay) {
    const start = Date.parse(`${listedOn}T00:00:00Z`);
    const span = listedOn === today ? opts.now.getTime() - start : DAY_MS;
    papers.forEach((entry, i) => {
      // Whole seconds, strictly inside the span: HTTP dates have one-second resolution, and today's last
      // listing must not be later than now.
      const offset = Math.floor((((i + 1) / (papers.length + 1)) * span) / 1000) * 1000;
      listings.push({ ...entry, listedOn, createdAt: new Date(start + offset).toISOString() });
    });
  }
  return { listings, awaiting };
}

function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function isWeekend(day: string): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** The day itself on Monday to Friday, else the Monday after. */
function weekdayOnOrAfter(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** How many weekdays lie after `from` up to and including `to` (both weekdays, from <= to). */
function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (!isWeekend(addDays(d, 1))) n++;
  return n;
}

/** `today` for n = 0, else the n-th Monday-to-Friday day before it. */
function weekdaysBefore(today: string, n: number): string {
  let d = today;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (!isWeekend(d)) left--;
  }
  return d;
}
