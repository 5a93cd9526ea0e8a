// HTTP manners for programs and caches: CORS on read-only public resources (installPublicCors, in the context of
// their routes), gzip/brotli, Cache-Control and validators (ETag, Last-Modified → 304) on public reads, and a
// request id on every answer.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface HttpHygieneOptions {
  /** Cache-Control max-age of public reads, in seconds. */
  publicMaxAgeSeconds: number;
}

// Resources that look the same to everyone: the JSON API, feeds, and the Markdown/thumbnail views of a paper.
// HTML pages are not among them: they carry the reader's session and CSRF token.
const PUBLIC_PATH = /^\/(?:api|feeds)\/|^\/papers\/.+\.(?:md|svg)$/;
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Link',
  'X-Request-Id',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Whether CORS is open for this path (any method: preflights come as OPTIONS; methods are limited to reads). */
export function isPublicPath(url: string): boolean {
  return PUBLIC_PATH.test(pathOf(url));
}

/** A GET or HEAD of a public resource: it gets validators (ETag, 304) and a Cache-Control header. */
export function isPublicRead(request: Pick<FastifyRequest, 'method' | 'url'>): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && isPublicPath(request.url);
}

/**
 * Shared caches may keep an answer only when the request carried no credentials: an answer computed for a
 * token holder or a signed-in reader must never be served to someone else from a proxy.
 */
export function cacheControlFor(request: Pick<FastifyRequest, 'headers'>, maxAgeSeconds: number): string {
  return request.headers.authorization || request.headers.cookie
    ? 'private, no-cache'
    : `public, max-age=${maxAgeSeconds}`;
}

/** Keeps a well-formed X-Request-Id from a proxy so that its logs and ours line up; otherwise a fresh UUID. */
export function requestIdFrom(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && INCOMING_ID.test(given) ? given : randomUUID();
}

/** Weak, because gzip and brotli change the bytes but not the meaning of the answer. */
export function weakEtag(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`;
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins; If-Modified-Since is only looked at without it. */
export function isNotModified(args: {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  etag: string;
  lastModified: string | undefined;
}): boolean {
  if (args.ifNoneMatch !== undefined) {
    const wanted = args.ifNoneMatch.split(',').map((t) => t.trim());
    return wanted.includes('*') || wanted.some((t) => opaque(t) === opaque(args.etag));
  }
  if (args.ifModifiedSince === undefined || args.lastModified === undefined) return false;
  const since = Date.parse(args.ifModifiedSince);
  const modified = Date.parse(args.lastModified);
  if (Number.isNaN(since) || Number.isNaN(modified)) return false;
  // Last-Modified has one-second resolution; the stored time may carry milliseconds.
  return Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

/**
 * CORS for the public resources, installed in the plugin context that holds their routes (server.ts) with options
 * normalised once. (A delegator at the root made @fastify/cors normalise its options again on every request of
 * every page: 3 % of the busy time of a cached `/`.) Every route of that context must be on a public path.
 */
export async function installPublicCors(app: FastifyInstance) {
  // @fastify/cors answers preflights through one `OPTIONS *` route, which matches every path: outside the public
  // resources a preflight stays a 404 without CORS headers.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'OPTIONS' && !isPublicPath(request.url)) return reply.callNotFound();
    done();
  });
  // No credentials: a page elsewhere may read public data, never act with a reader's cookies.
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'], exposedHeaders: EXPOSED_HEADERS, maxAge: 86_400 });
}

/** Installs the hooks on the root instance; call it before any route is registered (compression hooks in per route). */
export async function installHttpHygiene(app: FastifyInstance, opts: HttpHygieneOptions) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  await app.register(compress, { global: true, encodings: ['br', 'gzip', 'deflate'], threshold: 1024 });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || !isPublicRead(request)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!reply.hasHeader('cache-control'))
      reply.header('cache-control', cacheControlFor(request, opts.publicMaxAgeSeconds));
    const etag = String(reply.getHeader('etag') ?? weakEtag(payload));
    reply.header('etag', etag);
    const lastModified = reply.getHeader('last-modified');
    const notModified = isNotModified({
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
      etag,
      lastModified: lastModified === undefined ? undefined : String(lastModified),
    });
    if (!notModified) return payload;
    // A 304 carries the validators and caching headers of the 200 it stands for, and no body or body headers.
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return null;
  });
}

/**
 * Last-Modified header value for the newest of some ISO timestamps, or null when there are none. Never later than
 * `now`: RFC 9110 §8.8.2.1 has an origin server send its own time instead of a modification time in the future
 * (a clock step back or another process's clock ahead would otherwise make caches keep a stale copy).
 */
export function lastModifiedOf(isoTimes: Iterable<string>, now = new Date()): string | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const iso of isoTimes) {
    const t = Date.parse(iso);
    if (!Number.isNaN(t) && t > newest) newest = t;
  }
  return Number.isFinite(newest) ? new Date(Math.min(newest, now.getTime())).toUTCString() : null;
}
