// Pages rendered once per change: an anonymous GET of a cached route (the daily pages, a paper page, trending,
// author pages and the JSON API reads beside them) is answered from the bytes rendered for the same URL at the
// same page version (papers/page-version.usecases.ts) — the store's change sequence (papers, listings, votes,
// comments, moderation, accounts, collections, claims; a write by this process shows on its next request, one by
// another process within http.pageVersionMaxAgeMs), for paper pages the search index's position (their similar
// papers come from the index, which follows the store a little later; the other cached pages never read it, so a
// vote's re-indexing does not invalidate `/` once more) and the UTC day: the only clock these pages read (a page
// without a date shows today; trending's window is whole days and its hotness is stored). No time-to-live: one
// made every page expire at once, and the re-rendering of a hundred paper pages together showed as multi-second
// p95 spikes in bench:http.
//
// A hit is written straight to the socket (reply.hijack) with header lists made once per entry: Fastify's onSend
// chain (compression, cookies, validators), which has nothing left to do for stored bytes, was most of the time of
// a hit beside the write itself. The per-request headers (security headers, request id, rate limits) set by the
// onRequest hooks before this one are sent with it; onResponse hooks (metrics, logs) still run.
//
// Only requests without a Cookie or Authorization header are served from or stored into the cache: a signed-in
// page carries the reader's votes, saved state, collections and CSRF token, and even a signed-out reader with a
// cookie may carry a flash message or a CSRF token. Their pages are still rendered per request (the math and
// titles inside them come from the render memo) and get an ETag (html-etag.ts). An answer that sets a cookie is
// never stored. Concurrent misses of one URL wait for the first one's rendering instead of all rendering at once
// (after every vote, 50 readers would otherwise render the same page 50 times).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { PageVersion } from '../../papers/page-version.usecases.js';
import { prefersMarkdown } from '../content-negotiation.js';
import { isNotModified, weakEtag } from './http-hygiene.js';

/**
 * Route patterns whose anonymous GETs are cached — every one of them is a function of the store, the day and, where
 * `true`, the search index.
 */
export const CACHED_ROUTES: ReadonlyMap<string, { withIndex: boolean }> = new Map([
  ['/', { withIndex: false }],
  ['/papers', { withIndex: false }],
  ['/papers/*', { withIndex: true }],
  ['/trending', { withIndex: false }],
  ['/authors/:slug', { withIndex: false }],
  // These read only tables that bump the page version (papers, listings, votes, comments, organizations and their
  // members and papers, paper_versions) or the search index: src/web/pages/cached-pages.routes.test.ts writes each
  // kind. A category page lists its papers from the index.
  ['/categories/:id', { withIndex: true }],
  ['/orgs/:slug', { withIndex: false }],
  ['/papers/:id/diff', { withIndex: false }],
  ['/papers/:archive/:num/diff', { withIndex: false }],
  ['/api/v1/daily', { withIndex: false }],
  ['/api/v1/papers/*', { withIndex: false }],
  ['/api/daily_papers', { withIndex: false }],
  ['/api/papers/*', { withIndex: false }],
]);

const DEFAULT_PAGE_CACHE_MIB = 16;
// Waits for other requests' renderings of the same URL before rendering without the cache.
const MAX_WAITS = 3;
// The headers of a stored answer that belong to the resource; per-request ones (request id, rate limits, security
// headers) come from the current request's own hooks. CORS headers are the same for every request of a public path
// (origin `*`, no credentials) and are set by a hook that runs after this one (http-hygiene.ts), so they are kept.
const STORED_HEADERS = [
  'content-type',
  'cache-control',
  'last-modified',
  'link',
  'vary',
  'access-control-allow-origin',
  'access-control-expose-headers',
] as const;
// Headers that the stored answer's variants set themselves; a per-request header of the same name is dropped.
const VARIANT_HEADERS = new Set<string>([...STORED_HEADERS, 'etag', 'content-encoding', 'content-length']);

/** One way of answering a hit: status, headers made once, body. */
interface Variant {
  status: 200 | 304;
  headers: Array<[string, string]>;
  body: Buffer | null;
}

interface Entry {
  version: string;
  /** The body encoded once: sending the string would encode its 80 KB to UTF-8 again on every hit. */
  bytes: Buffer;
  etag: string;
  headers: Partial<Record<(typeof STORED_HEADERS)[number], string>>;
  identity?: Variant;
  br?: Variant;
  gzip?: Variant;
  notModified?: Variant;
}

export interface PageCache {
  readonly size: number;
  clear(): void;
}

interface Fill {
  key: string;
  version: string;
  done: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    pageCacheFill?: Fill;
    pageCacheHit?: boolean;
  }
}

export function isAnonymous(request: Pick<FastifyRequest, 'headers'>): boolean {
  return !request.headers.cookie && !request.headers.authorization;
}

export function installPageCache(
  app: FastifyInstance,
  opts: { pageVersion: PageVersion; maxBytes?: number },
): PageCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: opts.maxBytes ?? DEFAULT_PAGE_CACHE_MIB * 1024 * 1024,
    sizeCalculation: (e, key) =>
      e.bytes.length + key.length * 2 + (e.br?.body?.length ?? 0) + (e.gzip?.body?.length ?? 0),
  });
  // key → the rendering in progress for it (at some version), so concurrent misses wait for one rendering.
  const inFlight = new Map<string, { version: string; settled: Promise<void> }>();
  // While closing, answers go through Fastify's send, where drain-on-close adds `Connection: close`.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  const fresh = (entry: Entry | undefined, version: string): entry is Entry =>
    entry !== undefined && entry.version === version;

  // The miss path (and a hit whose version had to be read): waits for renderings in progress, then marks the
  // request as the one that fills the entry.
  async function lookUp(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    withIndex: boolean,
    first: Promise<string>,
  ): Promise<boolean> {
    let version = await first;
    let entry = entries.get(key);
    // One rendering per URL at a time, also while writes keep changing the version: a reader that finds one in
    // progress (for whatever version) waits for it and looks again, at most a few times, instead of rendering
    // beside it. Measured (bench:http, 4 writers): with renderings side by side after every write, 50 readers
    // fell from 5,358 to 385 req/s and writes took p95 376–456 ms; waiting, 4,032 req/s and p95 71–124 ms.
    for (let waits = 0; !fresh(entry, version) && waits < MAX_WAITS; waits++) {
      const pending = inFlight.get(key);
      if (!pending) break;
      await pending.settled;
      version = await opts.pageVersion.current({ withIndex });
      entry = entries.get(key);
    }
    if (fresh(entry, version)) {
      sendEntry(request, reply, entry, closing);
      return true;
    }
    if (request.method !== 'GET' || inFlight.has(key)) return false;
    let done = () => {};
    const settled = new Promise<void>((resolve) => {
      done = resolve;
    });
    inFlight.set(key, { version, settled });
    request.pageCacheFill = {
      key,
      version,
      done: () => {
        if (inFlight.get(key)?.settled === settled) inFlight.delete(key);
        done();
      },
    };
    return false;
  }

  // onRequest, after the security headers, request id and session hooks (installed before this one): a hit skips
  // body parsing, schema validation and the handler. Skipping validation is sound: only a 200 for this exact URL
  // was stored, so the URL passed it. The version is read before any data: a write committed in between makes the
  // stored page newer than its version says (one rendering too many later), never older. Synchronous when the
  // version read can be reused and the entry is fresh: no promise per hit.
  app.addHook('onRequest', (request, reply, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const route = CACHED_ROUTES.get(request.routeOptions.url ?? '');
    if (!route || !isAnonymous(request)) return next();
    // Paper pages and the HF paper API answer Markdown to `Accept: text/markdown` (paper-markdown.routes.ts).
    const key = prefersMarkdown(request) ? `md ${request.url}` : request.url;
    const version = opts.pageVersion.current(route);
    if (typeof version === 'string') {
      const entry = entries.get(key);
      if (fresh(entry, version)) return sendEntry(request, reply, entry, closing);
    }
    lookUp(request, reply, key, route.withIndex, Promise.resolve(version)).then(
      (answered) => {
        if (!answered) next();
      },
      (error: unknown) => next(error as Error),
    );
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // A state-changing request has been handled (its writes committed): the next page version is read afresh.
    if (request.method !== 'GET' && request.method !== 'HEAD') opts.pageVersion.invalidate();
    const fill = request.pageCacheFill;
    if (!fill || request.pageCacheHit) return payload;
    if (reply.statusCode === 200 && typeof payload === 'string' && !reply.hasHeader('set-cookie')) {
      const headers: Entry['headers'] = {};
      for (const name of STORED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const etag = reply.hasHeader('etag') ? String(reply.getHeader('etag')) : weakEtag(payload);
      reply.header('etag', etag);
      entries.set(fill.key, {
        version: fill.version,
        bytes: Buffer.from(payload, 'utf8'),
        etag,
        headers,
      });
    }
    fill.done();
    return payload;
  });
  // Whatever happened to the rendering (an error, a closed connection), the requests waiting for it go on.
  app.addHook('onResponse', async (request) => request.pageCacheFill?.done());
  app.addHook('onRequestAbort', async (request) => request.pageCacheFill?.done());

  return {
    get size() {
      return entries.size;
    },
    clear: () => entries.clear(),
  };
}

function withVary(value: string | undefined, field: string): string {
  const fields = String(value ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) return fields.join(', ');
  return [...fields, field].join(', ');
}

/** The stored answer as it is sent: 200 as identity, brotli or gzip (compressed once per entry), or 304. */
function variantOf(entry: Entry, kind: 'identity' | 'br' | 'gzip' | 'notModified'): Variant {
  const cached = entry[kind];
  if (cached) return cached;
  const stored = Object.entries(entry.headers).filter(([, v]) => v !== undefined) as Array<[string, string]>;
  let variant: Variant;
  if (kind === 'notModified') {
    // A 304 carries the validators and caching headers of the 200 it stands for, and no body or body headers.
    variant = {
      status: 304,
      headers: [...stored.filter(([n]) => n !== 'content-type'), ['etag', entry.etag]],
      body: null,
    };
  } else if (kind === 'identity') {
    variant = {
      status: 200,
      headers: [...stored, ['etag', entry.etag], ['content-length', String(entry.bytes.length)]],
      body: entry.bytes,
    };
  } else {
    // Compressed once per entry, like the body itself (the compression plugin would do it again on every hit).
    const body =
      kind === 'br'
        ? brotliCompressSync(entry.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
        : gzipSync(entry.bytes);
    variant = {
      status: 200,
      headers: [
        ...stored.filter(([n]) => n !== 'vary'),
        ['vary', withVary(entry.headers.vary, 'Accept-Encoding')],
        ['content-encoding', kind],
        ['etag', entry.etag],
        ['content-length', String(body.length)],
      ],
      body,
    };
  }
  entry[kind] = variant;
  return variant;
}

function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry, closing: boolean): void {
  request.pageCacheHit = true;
  const notModified = isNotModified({
    ifNoneMatch: request.headers['if-none-match'],
    ifModifiedSince: request.headers['if-modified-since'],
    etag: entry.etag,
    lastModified: entry.headers['last-modified'],
  });
  const encoding =
    notModified || entry.bytes.length < 1024 ? null : acceptedEncoding(request.headers['accept-encoding']);
  const variant = variantOf(entry, notModified ? 'notModified' : (encoding ?? 'identity'));
  if (closing) {
    // Through Fastify, so that drain-on-close's `Connection: close` is added.
    for (const [name, value] of variant.headers) if (name !== 'content-length') reply.header(name, value);
    reply.code(variant.status).send(variant.body ?? undefined);
    return;
  }
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined && !VARIANT_HEADERS.has(name)) headers[name] = value;
  for (const [name, value] of variant.headers) headers[name] = value;
  reply.hijack();
  reply.raw.writeHead(variant.status, headers);
  reply.raw.end(variant.body ?? undefined);
}

/** br or gzip when the client accepts it (a `;q=0` refuses), else null (identity). */
function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p))) continue;
    if (name) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}
