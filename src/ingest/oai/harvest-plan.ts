// Where a harvest starts. OAI-PMH harvests are windows [from, until] per set, walked page by page with
// resumption tokens. The checkpoint remembers the page to ask for next, so a killed run resumes there
// instead of starting over, and remembers the newest datestamp seen, so the next run only asks for changes.

import type { OaiFormat } from './list-records.js';

export interface HarvestCheckpoint {
  /** The window of the run in progress (or of the last completed run). */
  from: string | null;
  until: string | null;
  /** While a run is in progress: the set being harvested. null once every set is done. */
  set: string | null;
  /** The next page of `set`'s window; null at a window's start or end. */
  resumptionToken: string | null;
  /** Newest record datestamp stored so far; the next run without `from` starts there. */
  lastDatestamp: string | null;
}

export interface HarvestWindow {
  set: string | null;
  /** Resume this window at this token instead of its start. */
  resumptionToken: string | null;
}

export interface HarvestPlan {
  from: string | null;
  until: string | null;
  windows: HarvestWindow[];
  lastDatestamp: string | null;
  resumed: boolean;
}

export function planHarvest(opts: {
  saved: HarvestCheckpoint | null;
  from?: string;
  until?: string;
  sets?: string[];
}): HarvestPlan {
  const { saved } = opts;
  const sets: Array<string | null> = opts.sets && opts.sets.length > 0 ? opts.sets : [null];
  const inProgress = saved !== null && (saved.resumptionToken !== null || saved.set !== null);
  const sameWindow =
    saved !== null &&
    (opts.from === undefined || opts.from === saved.from) &&
    (opts.until === undefined || opts.until === saved.until);
  if (saved && inProgress && sameWindow && sets.includes(saved.set)) {
    // Sets before the saved one finished in the interrupted run.
    const windows = sets.slice(sets.indexOf(saved.set)).map((set, i) => ({
      set,
      resumptionToken: i === 0 ? saved.resumptionToken : null,
    }));
    return { from: saved.from, until: saved.until, windows, lastDatestamp: saved.lastDatestamp, resumed: true };
  }
  return {
    from: opts.from ?? saved?.lastDatestamp ?? null,
    until: opts.until ?? null,
    windows: sets.map((set) => ({ set, resumptionToken: null })),
    lastDatestamp: saved?.lastDatestamp ?? null,
    resumed: false,
  };
}

/** A ListRecords request. OAI-PMH makes resumptionToken exclusive: with it, only the verb may be sent. */
export function listRecordsUrl(opts: {
  baseUrl: string;
  format: OaiFormat;
  from?: string | null;
  until?: string | null;
  set?: string | null;
  resumptionToken?: string | null;
}): string {
  const url = new URL(opts.baseUrl);
  url.searchParams.set('verb', 'ListRecords');
  if (opts.resumptionToken) {
    url.searchParams.set('resumptionToken', opts.resumptionToken);
    return url.toString();
  }
  url.searchParams.set('metadataPrefix', opts.format);
  if (opts.from) url.searchParams.set('from', opts.from);
  if (opts.until) url.searchParams.set('until', opts.until);
  if (opts.set) url.searchParams.set('set', opts.set);
  return url.toString();
}

export function laterDatestamp(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return b > a ? b : a;
}
