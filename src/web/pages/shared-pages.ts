// List pages rendered once per page version and shared by their readers: the daily page for signed-in readers
// (and anyone whose request carries a cookie, which the page cache does not serve) and the search page for
// everyone. The page is rendered once per (URL, version) with a chrome that has no reader (views/viewer-parts.ts):
// each reader's part — account menu, CSRF token, own votes and saves, flash message, … — is recorded as a function
// and the template keeps a placeholder. Per request only those parts are rendered, from the reader's own chrome
// and facts (read in one batch for the page's papers), and joined with the template's text.
//
// Why this is correct. The version is the page cache's (papers/page-version.usecases.ts): the store's change
// sequence (every table these pages show bumps it, in the writing transaction) — for search pages also the index's
// position — and the UTC day, read before any data, so a template is never stored under a version newer than its
// data. Reader facts are never in a template: its chrome has no user, token or flash, and its annotations are those
// of nobody (annotateCards with no viewer), so no reader's data can reach another through it (tested).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { readerAnnotations } from '../../community/cards.usecases.js';
import { raw, type SafeHtml } from '../../render/html.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import type { ChromeVM } from '../views/view-models.js';
import type { ViewerFacts, ViewerPart, ViewerSlots } from '../views/viewer-parts.js';

// Private-use characters around a part's number: the placeholder cannot be confused with escaped text. A page
// whose own text holds them (it would have to come from a paper or a user) is not shared, it is rendered per request.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/;
// These, and the stand-in of a reader's token in card parts (views/viewer-parts.ts).
const RESERVED = /[\uE000-\uE002]/;

export interface SharedTemplate {
  /**
   * The page's text around its reader parts (one more segment than parts), UTF-8 encoded once: a page is ~80 KB,
   * and encoding it was a tenth of a request's time.
   */
  segments: Buffer[];
  /** Names this template among all this process has made, and this process among restarts (see spliceTemplate). */
  id: string;
  parts: ViewerPart[];
  /** The papers whose reader state the parts show (the page's cards). */
  paperIds: number[];
}

export interface SharedPages {
  /**
   * The template of `key` at `version`; `render` renders it (with `slots` in its chrome) when there is none.
   * Concurrent requests for one key wait for one rendering. Null when the page cannot be shared (see above).
   */
  template(
    key: string,
    version: string,
    render: (slots: ViewerSlots) => Promise<SafeHtml>,
  ): Promise<SharedTemplate | null>;
  readonly size: number;
  /** The stored templates (for tests: what a shared entry holds). */
  stored(): SharedTemplate[];
  clear(): void;
}

/**
 * Splits a rendered page at its placeholders, in the order they appear (a page's body is rendered before the
 * layout around it); null unless each recorded part's placeholder is there exactly once.
 */
export function splitTemplate(text: string, parts: ViewerPart[], paperIds: number[]): SharedTemplate | null {
  const pieces = text.split(new RegExp(PLACEHOLDER.source, 'g'));
  if (pieces.length !== parts.length * 2 + 1) return null;
  const segments: string[] = [];
  const ordered: ViewerPart[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i % 2 === 1) {
      const n = Number(piece);
      if (seen.has(n) || parts[n] === undefined) return null;
      seen.add(n);
      ordered.push(parts[n]);
    } else {
      if (RESERVED.test(piece)) return null;
      segments.push(piece);
    }
  }
  return { segments: segments.map((t) => Buffer.from(t, 'utf8')), id: nextId(), parts: ordered, paperIds };
}

const PROCESS_ID = randomBytes(6).toString('base64url');
let made = 0;
const nextId = () => `${PROCESS_ID}.${++made}`;

/** Renders a template's text with placeholders; `slots` goes into the template's chrome. */
export async function renderTemplate(
  render: (slots: ViewerSlots) => Promise<SafeHtml>,
): Promise<SharedTemplate | null> {
  const parts: ViewerPart[] = [];
  const paperIds = new Set<number>();
  const slots: ViewerSlots = {
    slot(part, paperId) {
      parts.push(part);
      if (paperId !== undefined) paperIds.add(paperId);
      return raw(`${OPEN}${parts.length - 1}${CLOSE}`);
    },
  };
  const page = await render(slots);
  return splitTemplate(page.toString(), parts, [...paperIds]);
}

/**
 * The page for one reader: the template's text with each part rendered from their chrome and facts, as bytes, and
 * its ETag. The ETag is a hash of the template's id and the parts' text instead of the whole page's bytes: the same
 * template and parts make the same bytes, and a template's id is never reused (not even after a restart), so two
 * different pages never share an ETag — without hashing 80 KB per request.
 */
export function spliceTemplate(
  template: SharedTemplate,
  chrome: ChromeVM,
  facts: ViewerFacts,
): { body: Buffer; etag: string } {
  const reader = { user: chrome.user, csrfToken: chrome.csrfToken, flash: chrome.flash };
  const pieces: Buffer[] = [template.segments[0]!];
  const hash = createHash('sha1').update(template.id);
  for (let i = 0; i < template.parts.length; i++) {
    const part = template.parts[i]!(reader, facts).toString();
    hash.update(`\u0000${part}`);
    pieces.push(Buffer.from(part, 'utf8'), template.segments[i + 1]!);
  }
  return { body: Buffer.concat(pieces), etag: `W/"${hash.digest('base64url').slice(0, 27)}"` };
}

/** The page of `template` for the request's reader: their chrome and their facts about its papers, spliced in. */
export async function readerPage(
  template: SharedTemplate,
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<{ body: Buffer; etag: string }> {
  const [facts, chrome] = await Promise.all([
    readerAnnotations({ store: services.store, viewer: request.viewer, paperIds: template.paperIds }),
    pageChrome(request, reply, services),
  ]);
  return spliceTemplate(template, chrome, facts);
}

const templateBytes = (t: SharedTemplate | null) =>
  t ? t.segments.reduce((n, b) => n + b.length, 0) + t.parts.length * 64 : 0;

export function createSharedPages(opts: { maxBytes: number }): SharedPages {
  // A page that cannot be shared is remembered too (template null), so that it is not rendered twice per request.
  const entries = new LRUCache<string, { version: string; template: SharedTemplate | null }>({
    maxSize: opts.maxBytes,
    sizeCalculation: (e, key) => Math.max(1, templateBytes(e.template) + key.length * 2),
  });
  const inFlight = new Map<string, Promise<SharedTemplate | null>>();

  return {
    async template(key, version, render) {
      const entry = entries.get(key);
      if (entry && entry.version === version) return entry.template;
      const flightKey = `${version}\n${key}`;
      const pending = inFlight.get(flightKey);
      if (pending) return pending;
      const rendering = renderTemplate(render).then(
        (template) => {
          inFlight.delete(flightKey);
          // Only an entry of exactly the version asked for is used, so a late older one costs a rendering, no more.
          entries.set(key, { version, template });
          return template;
        },
        (error: unknown) => {
          inFlight.delete(flightKey);
          throw error;
        },
      );
      inFlight.set(flightKey, rendering);
      return rendering;
    },
    get size() {
      return entries.size;
    },
    stored: () => [...entries.values()].flatMap((e) => (e.template ? [e.template] : [])),
    clear: () => entries.clear(),
  };
}
