// The OAI-PMH harvest loop: one window per set, page by page, storing each page before saving the
// checkpoint that points past it — so a run killed at any moment resumes without losing or repeating a page
// (repeating at most the page being stored, which the store's idempotent upsert absorbs).

import type { PoliteFetcher } from '../http/polite-fetcher.js';
import { isXmlContentType } from '../http/xml-document.js';
import { OaiError, OaiParseError } from './errors.js';
import { type HarvestCheckpoint, laterDatestamp, listRecordsUrl, planHarvest } from './harvest-plan.js';
import { type ListRecordsPage, type OaiFormat, type OaiRecord, parseListRecords } from './list-records.js';

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}

export interface HarvestSummary extends StoreCounts {
  pages: number;
  records: number;
  /** Whether anything was inserted, updated or withdrawn, so later steps (reindex, digests) can skip. */
  changed: boolean;
  /** True when this run continued an interrupted one from its checkpoint. */
  resumed: boolean;
  lastDatestamp: string | null;
}

export interface HarvestProgress {
  set: string | null;
  page: number;
  cursor: number | null;
  completeListSize: number | null;
  summary: HarvestSummary;
}

export interface HarvestOptions {
  fetcher: PoliteFetcher;
  baseUrl: string;
  /** Inclusive UTC days (YYYY-MM-DD). Without `from`, continues from the checkpoint. */
  from?: string;
  until?: string;
  sets?: string[];
  format: OaiFormat;
  checkpoint: { load(): Promise<HarvestCheckpoint | null>; save(c: HarvestCheckpoint): Promise<void> };
  storePage: (records: OaiRecord[]) => Promise<StoreCounts>;
  onProgress?: (progress: HarvestProgress) => void;
  signal?: AbortSignal;
}

/** Thrown when the signal aborts; the checkpoint already points at the next page. */
export class HarvestAbortedError extends Error {
  readonly code = 'ingest.harvest_aborted';
  constructor(readonly summary: HarvestSummary) {
    super(`harvest interrupted after ${summary.pages} page(s); run it again to resume`);
    this.name = 'HarvestAbortedError';
  }
}

const EMPTY_PAGE: Omit<ListRecordsPage, 'responseDate'> = {
  records: [],
  resumptionToken: null,
  cursor: null,
  completeListSize: null,
};

export async function harvest(opts: HarvestOptions): Promise<HarvestSummary> {
  const plan = planHarvest({
    saved: await opts.checkpoint.load(),
    from: opts.from,
    until: opts.until,
    sets: opts.sets,
  });
  const summary: HarvestSummary = {
    ...{ inserted: 0, updated: 0, unchanged: 0, withdrawn: 0, pages: 0, records: 0 },
    ...{ changed: false, resumed: plan.resumed, lastDatestamp: plan.lastDatestamp },
  };
  for (const [index, window] of plan.windows.entries()) {
    const nextSet = plan.windows[index + 1]?.set ?? null;
    let token = window.resumptionToken;
    let restarted = false;
    for (;;) {
      if (opts.signal?.aborted) throw new HarvestAbortedError(summary);
      const url = listRecordsUrl({
        ...{ baseUrl: opts.baseUrl, format: opts.format, from: plan.from, until: plan.until },
        ...{ set: window.set, resumptionToken: token },
      });
      const page = await fetchOrRecover({ opts, url, canRestart: token !== null && !restarted, summary });
      if (page === 'restart') {
        restarted = true;
        token = null;
        continue;
      }
      if (page.records.length > 0) addCounts(summary, await opts.storePage(page.records));
      summary.pages++;
      summary.records += page.records.length;
      for (const record of page.records) {
        summary.lastDatestamp = laterDatestamp(summary.lastDatestamp, record.header.datestamp || null);
      }
      token = page.resumptionToken?.value ?? null;
      await opts.checkpoint.save({
        from: plan.from,
        until: plan.until,
        set: token !== null ? window.set : nextSet,
        resumptionToken: token,
        lastDatestamp: summary.lastDatestamp,
      });
      opts.onProgress?.({
        set: window.set,
        page: summary.pages,
        cursor: page.cursor,
        completeListSize: page.completeListSize,
        summary: { ...summary },
      });
      if (token === null) break;
    }
  }
  return summary;
}

/** A page, an empty page for noRecordsMatch, or 'restart' for an expired token; other OAI errors name the URL. */
async function fetchOrRecover(args: {
  opts: HarvestOptions;
  url: string;
  canRestart: boolean;
  summary: HarvestSummary;
}): Promise<Omit<ListRecordsPage, 'responseDate'> | 'restart'> {
  const { opts, url } = args;
  try {
    return await fetchPage({ fetcher: opts.fetcher, url, format: opts.format, signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw new HarvestAbortedError(args.summary);
    if (!(err instanceof OaiError)) throw err;
    if (err.code === 'noRecordsMatch') return EMPTY_PAGE;
    // Tokens expire (arXiv keeps them for hours, not days); the window's start is always valid.
    if (err.code === 'badResumptionToken' && args.canRestart) return 'restart';
    throw new OaiError({ code: err.code, detail: err.detail, url });
  }
}

async function fetchPage(opts: {
  fetcher: PoliteFetcher;
  url: string;
  format: OaiFormat;
  signal?: AbortSignal;
}): Promise<ListRecordsPage> {
  const response = await opts.fetcher.fetchText(opts.url, { signal: opts.signal });
  if (!isXmlContentType(response.contentType)) {
    throw new OaiParseError(`expected XML, got ${response.contentType}`, { url: opts.url });
  }
  try {
    return parseListRecords(response.body, opts.format);
  } catch (err) {
    if (err instanceof OaiParseError) throw new OaiParseError(err.reason, { url: opts.url });
    throw err;
  }
}

function addCounts(summary: HarvestSummary, counts: StoreCounts): void {
  summary.inserted += counts.inserted;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  summary.withdrawn += counts.withdrawn;
  summary.changed ||= counts.inserted + counts.updated + counts.withdrawn > 0;
}
