// Sending the reading pages (daily, trending, paper, search) as HTML. They are revalidated on every visit
// (`no-cache`): the HTML ETag plugin (plugins/html-etag.ts) answers an unchanged page with a 304 and makes the answer
// to a request with a cookie `private`.
import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../../render/html.js';

/** A rendered page, or the bytes of one spliced from a shared template (shared-pages.ts). */
export function sendPage(reply: FastifyReply, page: SafeHtml | Buffer) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(Buffer.isBuffer(page) ? page : page.toString());
}
