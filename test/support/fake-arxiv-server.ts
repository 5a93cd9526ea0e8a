// A loopback stand-in for arXiv's OAI-PMH endpoint, API and RSS listings, replaying recorded real responses
// from test/fixtures (PROVENANCE.md there). What is real and what is derived:
// - OAI arXivRaw page 1 is ListRecordsResponse.xml byte for byte (token "726959|1001"). Pages 2 and 3 are
//   derived: the same envelope re-serving real <record> bytes (page 2 = the GetRecordResponse.xml record plus
//   page-1 records 1–3, page 3 = page-1 records 4–6) with made-up tokens; page 3 ends with an empty token.
// - OAI arXiv-format page 1 is the recorded 200 body (arxiv-responses-2018) with a token inserted (derived),
//   page 2 the real hep-th ListRecords file with a token inserted, page 3 the real hep-ex file verbatim.
// - The 503 is the recorded one (status, body, Retry-After: 10). OAI error files are real for badArgument,
//   badResumptionToken, badVerb, idDoesNotExist and noRecordsMatch; the other three codes are derived from the
//   badArgument file by swapping code and message (no recordings exist).
// - API feeds are assembled: the real feed head of one recording, real <entry> bytes looked up by id across
//   all 2026 recordings, and recomputed opensearch counts. The HTTP 400 error feed is the recorded one.
// - Listings: the real weekend (empty) cs.CL capture; `buildPopulatedListingFeed` derives a populated one.

import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Paper } from '../../src/core/paper.js';
import type { HarvestCheckpoint } from '../../src/ingest/oai/harvest-plan.js';
import type { OaiRecord } from '../../src/ingest/oai/list-records.js';

const DATA = new URL('../fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, DATA), 'utf8');
const RAW = 'arxiv-oai-pmh/mikesaelim-arXivRaw/';
const NOCK = 'arxiv-oai-pmh/arxiv-responses-2018/listrecords-arXiv-2015-01-01.json';
const API = 'arxiv-api-atom/arxiv.py-2026-recorded/bodies/';

export type FakeStep =
  | { kind: 'normal' }
  | { kind: 'retry-after' }
  | { kind: 'oai-error'; code: string }
  | { kind: 'api-error' }
  | { kind: 'malformed' }
  | { kind: 'truncated' }
  | { kind: 'wrong-content-type' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'status'; status: number };

export interface FakeRequest {
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export interface FakeArxiv {
  url: string;
  oaiUrl: string;
  apiUrl: string;
  listingUrl: string;
  requests: FakeRequest[];
  /** Queues responses for the next requests, one step per request, before normal replay resumes. */
  script(...steps: FakeStep[]): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const XML = { 'content-type': 'text/xml' };
const ATOM = { 'content-type': 'application/atom+xml; charset=utf-8' };
const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
const RECORD = /<record>[\s\S]*?<\/record>\n/g;

const data = loadOnce();

function loadOnce() {
  const rawPage1 = read(`${RAW}ListRecordsResponse.xml`);
  const rawRecords = rawPage1.match(RECORD) ?? [];
  const getRecord = read(`${RAW}GetRecordResponse.xml`).match(RECORD) ?? [];
  const rawHead = rawPage1.slice(0, rawPage1.indexOf('<record>'));
  const rawPage = (records: string[], token: string) =>
    `${rawHead}${records.join('')}${token}\n</ListRecords>\n</OAI-PMH>\n`;
  const nock = JSON.parse(read(NOCK)) as Array<{ status: number; response: string; rawHeaders: string[] }>;
  const withToken = (xml: string, token: string) =>
    xml.replace('</ListRecords>', `<resumptionToken>${token}</resumptionToken>\n</ListRecords>`);
  const pages = new Map<string, string>([
    [
      '726959|1001',
      rawPage(
        [...getRecord, ...rawRecords.slice(0, 3)],
        '<resumptionToken cursor="1001" completeListSize="58011">726959|2002</resumptionToken>',
      ),
    ],
    ['726959|2002', rawPage(rawRecords.slice(3), '<resumptionToken cursor="2002" completeListSize="58011"/>')],
    ['arXiv|2', withToken(read('arxiv-oai-pmh/hepcrawl-arXiv/arxiv-physics-hep-th.xml'), 'arXiv|3')],
    ['arXiv|3', read('arxiv-oai-pmh/hepcrawl-arXiv/arxiv-physics-hep-ex.xml')],
  ]);
  const firstPages = { arXivRaw: rawPage1, arXiv: withToken(nock[1]!.response, 'arXiv|2') };
  const badArgument = read(`${RAW}ErrorResponseBadArgument.xml`);
  const errors: Record<string, string> = {
    badArgument,
    badResumptionToken: read(`${RAW}ErrorResponseBadResumptionToken.xml`),
    badVerb: read(`${RAW}ErrorResponseBadVerb.xml`),
    idDoesNotExist: read(`${RAW}ErrorResponseIdDoesNotExist.xml`),
    noRecordsMatch: read(`${RAW}ErrorResponseNoRecordsMatch.xml`),
  };
  const errorFile = (code: string) =>
    errors[code] ?? badArgument.replace(/<error code="[^"]*">[^<]*</, `<error code="${code}">derived ${code} error<`);
  const headers = nock[0]!.rawHeaders;
  const retryAfter = headers[headers.findIndex((h) => h.toLowerCase() === 'retry-after') + 1] ?? '10';
  return { firstPages, pages, errorFile, nock503: nock[0]!, retryAfter, ...loadApi() };
}

function loadApi() {
  const entries = new Map<string, string>();
  const bodies = readdirSync(new URL(API, DATA)).map((f) => read(API + f));
  for (const body of [...bodies, read('arxiv-api-atom/sotawhat-2026/arxiv_transformer.xml')]) {
    for (const entry of body.match(/ {2}<entry>[\s\S]*?<\/entry>\n/g) ?? []) {
      const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)(?:v\d+)?<\/id>/.exec(entry)?.[1];
      if (id && !entries.has(id)) entries.set(id, entry);
    }
  }
  const template = read(`${API}id_1605.08386_s0_m100_199195aa31ad.xml`);
  const apiHead = template.slice(0, template.indexOf('  <entry>'));
  const apiError = read(`${API}id_abc_s0_m100_b79c8dcf6bc3.xml`);
  const weekendListing = read('arxiv-rss/rss.arxiv.org_rss_cs.CL.2026-08-01.weekend-empty.xml');
  return { apiEntries: entries, apiHead, apiError, weekendListing };
}

/** Bare ids of every recorded API entry, for tests that need real papers to ask for. */
export function recordedApiIds(): string[] {
  return [...data.apiEntries.keys()];
}

export async function startFakeArxiv(opts: { apiPageSize?: number; listingFeeds?: Record<string, string> } = {}) {
  const requests: FakeRequest[] = [];
  const steps: FakeStep[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query, headers: req.headers });
    const normal = route(url.pathname, query, opts);
    const step = steps.shift();
    if (step?.kind === 'hang') return;
    if (step?.kind === 'reset') {
      res.writeHead(200, { ...XML, 'content-length': String(Buffer.byteLength(normal.body)) });
      res.write(normal.body.slice(0, normal.body.length / 2), () => res.socket?.destroy());
      return;
    }
    const reply = step ? applyStep(step, normal) : normal;
    res.writeHead(reply.status, reply.headers).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeArxiv = {
    url,
    oaiUrl: `${url}/oai2`,
    apiUrl: `${url}/api/query`,
    listingUrl: `${url}/rss`,
    requests,
    script: (...more) => void steps.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function applyStep(step: FakeStep, normal: Reply): Reply {
  switch (step.kind) {
    case 'retry-after':
      return {
        status: data.nock503.status,
        headers: { 'content-type': 'text/html', 'retry-after': data.retryAfter },
        body: data.nock503.response,
      };
    case 'oai-error':
      return { status: 200, headers: XML, body: data.errorFile(step.code) };
    case 'api-error':
      return { status: 400, headers: ATOM, body: data.apiError };
    case 'malformed':
      return {
        ...normal,
        body: normal.body.includes('</title>') ? normal.body.replace('</title>', '</titel>') : `${normal.body}<`,
      };
    case 'truncated':
      return { ...normal, body: normal.body.slice(0, Math.floor(normal.body.length / 2)) };
    case 'wrong-content-type':
      // The recorded 503 page's real HTML, served as a 200: what a proxy or maintenance page looks like.
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: data.nock503.response };
    case 'status':
      return { status: step.status, headers: { 'content-type': 'text/plain' }, body: `status ${step.status}\n` };
    default:
      return normal;
  }
}

function route(
  path: string,
  query: Record<string, string>,
  opts: { apiPageSize?: number; listingFeeds?: Record<string, string> },
): Reply {
  if (path === '/oai2') return oai(query);
  if (path === '/api/query') return api(query, opts.apiPageSize ?? 100);
  const listing = /^\/rss\/(.+)$/.exec(path);
  if (listing) return { status: 200, headers: RSS, body: opts.listingFeeds?.[listing[1]!] ?? data.weekendListing };
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found\n' };
}

function oai(query: Record<string, string>): Reply {
  const reply = (body: string): Reply => ({ status: 200, headers: XML, body });
  if (query.verb !== 'ListRecords') return reply(data.errorFile('badVerb'));
  const { verb: _verb, resumptionToken, ...rest } = query;
  if (resumptionToken !== undefined) {
    // OAI-PMH: resumptionToken is an exclusive argument.
    if (Object.keys(rest).length > 0) return reply(data.errorFile('badArgument'));
    return reply(data.pages.get(resumptionToken) ?? data.errorFile('badResumptionToken'));
  }
  const format = query.metadataPrefix;
  if (format !== 'arXivRaw' && format !== 'arXiv') return reply(data.errorFile('cannotDisseminateFormat'));
  return reply(data.firstPages[format]);
}

function api(query: Record<string, string>, pageSize: number): Reply {
  const ids = (query.id_list ?? '').split(',').filter((id) => id.length > 0);
  const bad = ids.find((id) => !/^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/.test(id));
  if (bad) return { status: 400, headers: ATOM, body: data.apiError.replaceAll('abc', bad) };
  const found = [...new Set(ids.map((id) => id.replace(/v\d+$/, '')))].flatMap((id) => data.apiEntries.get(id) ?? []);
  const start = Number(query.start ?? 0);
  const max = Math.min(Number(query.max_results ?? 10), pageSize);
  const page = found.slice(start, start + max);
  const head = data.apiHead
    .replace(/<opensearch:itemsPerPage>\d+/, `<opensearch:itemsPerPage>${max}`)
    .replace(/<opensearch:totalResults>\d+/, `<opensearch:totalResults>${found.length}`)
    .replace(/<opensearch:startIndex>\d+/, `<opensearch:startIndex>${start}`);
  return { status: 200, headers: ATOM, body: `${head}${page.join('')}</feed>\n` };
}

/**
 * A populated rss.arxiv.org feed, DERIVED: the real weekend capture's channel with <item>s inserted in the
 * format documented in arxiv-rss/PROVENANCE.md, their ids, titles, abstracts, authors and categories taken
 * from real API entries (ids given, or the first four recorded ones).
 */
export function buildPopulatedListingFeed(ids: string[] = recordedApiIds().slice(0, 4)): string {
  const types = ['new', 'cross', 'replace', 'replace-cross'];
  const items = ids.map((id, i) => {
    const entry = data.apiEntries.get(id);
    if (!entry) throw new Error(`no recorded API entry for ${id}`);
    const pick = (re: RegExp) => re.exec(entry)?.[1] ?? '';
    const version = i % 4 >= 2 ? 2 : 1;
    const categories = [...entry.matchAll(/<category term="([^"]+)"/g)].map(
      (m) => `      <category>${m[1]}</category>`,
    );
    const authors = [...entry.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1]).join(', ');
    return [
      '    <item>',
      `      <title>${pick(/<title>([\s\S]*?)<\/title>/)}</title>`,
      `      <link>https://arxiv.org/abs/${id}</link>`,
      `      <description>arXiv:${id}v${version} Announce Type: ${types[i % 4]}\nAbstract: ${pick(/<summary>([\s\S]*?)<\/summary>/).trim()}</description>`,
      `      <guid isPermaLink="false">oai:arXiv.org:${id}v${version}</guid>`,
      ...categories,
      '      <pubDate>Mon, 03 Aug 2026 00:00:00 -0400</pubDate>',
      `      <arxiv:announce_type>${types[i % 4]}</arxiv:announce_type>`,
      '      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>',
      `      <dc:creator>${authors}</dc:creator>`,
      '    </item>',
    ].join('\n');
  });
  return data.weekendListing.replace('  </channel>', `${items.join('\n')}\n  </channel>`);
}

/**
 * In-memory stand-ins for the store and the checkpoint table, for harvest tests: the store counts
 * inserts/updates/unchanged/withdrawals the way an idempotent upsert does; the checkpoint keeps every save.
 */
export function memoryHarvestTargets(initial: HarvestCheckpoint | null = null) {
  const papers = new Map<string, Paper>();
  const withdrawn = new Set<string>();
  const saves: HarvestCheckpoint[] = [];
  let saved = initial;
  return {
    papers,
    withdrawn,
    saves,
    current: () => saved,
    checkpoint: {
      load: async () => saved,
      save: async (c: HarvestCheckpoint) => {
        saved = structuredClone(c);
        saves.push(saved);
      },
    },
    storePage: async (records: OaiRecord[]) => {
      const counts = { inserted: 0, updated: 0, unchanged: 0, withdrawn: 0 };
      for (const { header, paper } of records) {
        if (!paper) {
          if (header.arxivId && !withdrawn.has(header.arxivId)) counts.withdrawn++;
          if (header.arxivId) withdrawn.add(header.arxivId);
          continue;
        }
        const before = papers.get(paper.arxivId);
        if (!before) counts.inserted++;
        else if (JSON.stringify(before) === JSON.stringify(paper)) counts.unchanged++;
        else counts.updated++;
        papers.set(paper.arxivId, paper);
      }
      return counts;
    },
  };
}
