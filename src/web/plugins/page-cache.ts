// Pages rendered once per change: an anonymous GET of a cached route (the daily pages, a paper page, trending,
// author pages and the JSON API reads beside them) is answered from the bytes rendered for the same URL at the
// same page version — the store's change sequence (store/change-sequence.ts: papers, listings, votes, comments,
// moderation, accounts, collections, claims; read per request, so a write by any process invalidates it), the
// search index's position (similar papers come from the index, which follows the store a little later) and the
// UTC day: the only clock these pages read (a page without a date shows today; trending's window is whole days and
// its hotness is stored). No time-to-live: one made every page expire at once, and the re-rendering of a hundred
// paper pages together showed as multi-second p95 spikes in bench:http.
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
import { todayUtc } from '../../core/dates.js';
import { isNotModified, weakEtag } from './http-hygiene.js';
import { appendVary } from './vary.js';

/** Route patterns whose anonymous GETs are cached; every one of them is a function of the store, index and day. */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/papers',
  '/papers/*',
  '/trending',
  '/authors/:slug',
  // Read only tables that bump the page version (papers, listings, votes, comments, organizations and their members
  // and papers, paper_versions) or the search index: src/web/pages/cached-pages.routes.test.ts writes each kind.
  '/categories/:id',
  '/orgs/:slug',
  '/papers/:id/diff',
  '/papers/:archive/:num/diff',
  '/api/v1/daily',
  '/api/v1/papers/*',
  '/api/daily_papers',
  '/api/papers/*',
]);

const MAX_BYTES = 16 * 1024 * 1024;
// Waits for other requests' renderings of the same URL before rendering without the cache.
const MAX_WAITS = 3;
// The headers of a stored answer that belong to the resource; per-request ones (request id, rate limits, security
// headers) come from the current request's own hooks.
const STORED_HEADERS = ['content-type', 'cache-control', 'last-modified', 'link', 'vary'] as const;

interface Entry {
  version: string;
  /** The body encoded once: sending the string would encode its 80 KB to UTF-8 again on every hit. */
  bytes: Buffer;
  etag: string;
  headers: Partial<Record<(typeof STORED_HEADERS)[number], string>>;
  br?: Buffer;
  gzip?: Buffer;
}

export interface PageCacheSources {
  /** The store's page version (store.changes.current). */
  storeVersion(): Promise<number>;
  /** How far this process's search index has followed the store. */
  indexVersion(): number;
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
  opts: { sources: PageCacheSources; maxBytes?: number },
): PageCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: opts.maxBytes ?? MAX_BYTES,
    sizeCalculation: (e, key) => e.bytes.length + key.length * 2 + (e.br?.length ?? 0) + (e.gzip?.length ?? 0),
  });
  // key → the rendering in progress for it (at some version), so concurrent misses wait for one rendering.
  const inFlight = new Map<string, { version: string; settled: Promise<void> }>();

  const fresh = (entry: Entry | undefined, version: string): entry is Entry =>
    entry !== undefined && entry.version === version;

  // onRequest, after the security headers, request id and session hooks (installed before this one): a hit skips
  // body parsing, schema validation and the handler. Skipping validation is sound: only a 200 for this exact URL
  // was stored, so the URL passed it.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!CACHED_ROUTES.has(request.routeOptions.url ?? '') || !isAnonymous(request)) return;
    // Read the version before any data: a write committed in between makes the stored page newer than its
    // version says (one rendering too many later), never older.
    const key = request.url;
    const versionNow = async () => `${await opts.sources.storeVersion()}.${opts.sources.indexVersion()}.${todayUtc()}`;
    let version = await versionNow();
    let entry = entries.get(key);
    // One rendering per URL at a time, also while writes keep changing the version: a reader that finds one in
    // progress (for whatever version) waits for it and looks again, at most a few times, instead of rendering
    // beside it. Measured (bench:http, 4 writers): with renderings side by side after every write, 50 readers
    // fell from 5,358 to 385 req/s and writes took p95 376–456 ms; waiting, 4,032 req/s and p95 71–124 ms.
    for (let waits = 0; !fresh(entry, version) && waits < MAX_WAITS; waits++) {
      const pending = inFlight.get(key);
      if (!pending) break;
      await pending.settled;
      version = await versionNow();
      entry = entries.get(key);
    }
    if (fresh(entry, version)) return sendEntry(request, reply, entry);
    if (request.method !== 'GET' || inFlight.has(key)) return;
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
  });

  app.addHook('onSend', async (request, reply, payload) => {
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

function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
  request.pageCacheHit = true;
  for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
  reply.header('etag', entry.etag);
  if (
    isNotModified({
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
      etag: entry.etag,
      lastModified: entry.headers['last-modified'],
    })
  ) {
    reply.removeHeader('content-type');
    return reply.code(304).send();
  }
  // Compressed once per entry, like the body itself (the compression plugin would do it again on every hit).
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (entry.bytes.length < 1024 || !encoding) return reply.send(entry.bytes);
  appendVary(reply, 'Accept-Encoding');
  reply.header('content-encoding', encoding);
  if (encoding === 'br') {
    entry.br ??= brotliCompressSync(entry.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    return reply.send(entry.br);
  }
  entry.gzip ??= gzipSync(entry.bytes);
  return reply.send(entry.gzip);
}

/** br or gzip when the client accepts it (a `;q=0` refuses), else null (identity). */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
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
