// Validators on HTML pages. A page is revalidated on every visit (`no-cache`), so an unchanged page should cost a
// 304 instead of its 80 KB. The ETag is the hash of the bytes the reader got, so it is right for signed-in pages
// too: a 304 only ever tells a client that the copy it holds — its own — is still current. Signed-in (or
// otherwise cookie-carrying) answers are `private`, and every page says `Vary: Cookie`, so a shared cache never
// gives one reader's page to another. No Last-Modified on pages: a page mixes many rows, its version is the ETag.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isNotModified, isPublicRead, weakEtag } from './http-hygiene.js';
import { isAnonymous } from './page-cache.js';
import { appendVary } from './vary.js';

function isHtml(contentType: unknown): boolean {
  return String(contentType ?? '').startsWith('text/html');
}

export function installHtmlEtag(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    if (reply.statusCode !== 200 || isPublicRead(request) || request.pageCacheHit) return payload;
    if ((typeof payload !== 'string' && !Buffer.isBuffer(payload)) || !isHtml(reply.getHeader('content-type')))
      return payload;
    // A page that sets a cookie (a fresh CSRF secret) must reach the client with its body.
    if (reply.hasHeader('set-cookie')) return payload;
    appendVary(reply, 'Cookie');
    if (!isAnonymous(request)) reply.header('cache-control', 'private, no-cache');
    // A page spliced from a shared template comes with an ETag made without hashing its bytes (shared-pages.ts).
    const etag = reply.hasHeader('etag') ? String(reply.getHeader('etag')) : weakEtag(payload);
    reply.header('etag', etag);
    if (
      !isNotModified({
        ifNoneMatch: request.headers['if-none-match'],
        ifModifiedSince: undefined,
        etag,
        lastModified: undefined,
      })
    )
      return payload;
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return null;
  });
}
