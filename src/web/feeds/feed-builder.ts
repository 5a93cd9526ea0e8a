// Renders any FeedSource as RSS 2.0 or Atom 1.0 with the `feed` package. Item GUIDs are the paper's URL on
// this site, so a paper seen in one feed is the same item everywhere; math stays as TeX text (feed readers
// cannot run KaTeX); every string is stripped of characters XML 1.0 forbids, which arXiv metadata does contain.
import { Feed, type Item } from 'feed';
import { arxivAbsUrl, arxivPdfUrl } from '../../core/arxiv-id.js';
import { decodeTexAccents } from '../../core/tex-accents.js';
import { escapeHtml, html, join, type SafeHtml, safeUrl } from '../../render/html.js';
import { texToPlainText } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import type { FeedEntry, FeedFormat, FeedSource } from './feed.models.js';

const SITE_NAME = 'dailypapers';
const MAX_AUTHORS = 50;
const SUMMARY_CHARS = 400;
// arXiv's own Atom API labels categories with this scheme.
const ARXIV_SCHEME = 'http://arxiv.org/schemas/atom';
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

function oneLine(text: string): string {
  return xmlSafe(text).trim().replace(/\s+/g, ' ');
}

function paragraphs(text: string): string[] {
  return xmlSafe(text)
    .trim()
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** The first sentences of the abstract, cut at a word boundary. */
export function summaryOf(abstract: string): string {
  const text = oneLine(abstract);
  if (text.length <= SUMMARY_CHARS) return text;
  const cut = text.slice(0, SUMMARY_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : SUMMARY_CHARS)}…`;
}

function authorNames(entry: FeedEntry): string[] {
  const names = entry.paper.authors.map((a) => oneLine(decodeTexAccents(a.name))).filter(Boolean);
  return names.length > MAX_AUTHORS ? [...names.slice(0, MAX_AUTHORS), 'et al.'] : names;
}

function contentOf(entry: FeedEntry): SafeHtml {
  const { paper } = entry;
  const links = [
    html`<a href="${arxivAbsUrl(paper.arxivId)}">arXiv:${paper.arxivId}</a>`,
    html`<a href="${arxivPdfUrl(paper.arxivId)}">PDF</a>`,
    paper.codeUrl ? html`<a href="${safeUrl(paper.codeUrl)}">Code</a>` : null,
    paper.projectUrl ? html`<a href="${safeUrl(paper.projectUrl)}">Project page</a>` : null,
  ].filter((l): l is SafeHtml => l !== null);
  const names = authorNames(entry);
  return html`${names.length ? html`<p><strong>Authors:</strong> ${names.join(', ')}</p>` : ''}
${paper.withdrawn ? html`<p><strong>Withdrawn</strong> by its authors.</p>` : ''}
${paragraphs(texToPlainText(paper.abstract)).map((p) => html`<p>${p}</p>`)}
<p>${join({ items: links, separator: ' · ' })}</p>
${entry.submittedBy ? html`<p>Submitted by ${xmlSafe(entry.submittedBy)}</p>` : ''}
${entry.note ? html`<p>${xmlSafe(entry.note)}</p>` : ''}`;
}

function itemOf({ entry, format, origin }: { entry: FeedEntry; format: FeedFormat; origin: string }): Item {
  const { paper } = entry;
  const names = authorNames(entry);
  return {
    // Atom titles are declared type="html", and RSS readers treat titles as HTML too.
    title: escapeHtml(oneLine(texToPlainText(paper.title))),
    link: `${origin}${paperPath(paper.arxivId)}`,
    date: new Date(entry.date),
    description: escapeHtml(summaryOf(texToPlainText(paper.abstract))),
    content: contentOf(entry).toString(),
    category: paper.categories.map((c) => ({ name: c, term: c, scheme: ARXIV_SCHEME })),
    // RSS <author> must be an e-mail address, so RSS names authors with Dublin Core instead.
    ...(format === 'atom'
      ? { author: names.map((name) => ({ name })) }
      : {
          extensions: [
            {
              name: 'dc:creator',
              objects: names.map((name) => ({ _text: name })) as unknown as Record<string, unknown>,
            },
          ],
        }),
  };
}

/** The feed's own date: never "now", so that the same data always renders the same bytes (and ETag). */
function feedUpdated(source: FeedSource): Date {
  const times = [source.lastModified, ...source.entries.map((e) => e.date)]
    .filter((t): t is string => t !== null)
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  return new Date(times.length ? Math.max(...times) : 0);
}

export function renderFeed({
  source,
  format,
  origin,
}: {
  source: FeedSource;
  format: FeedFormat;
  origin: string;
}): string {
  const self = (ext: FeedFormat) => `${origin}${source.feedPath}.${ext}${source.feedQuery}`;
  const feed = new Feed({
    id: `${origin}${source.feedPath}${source.feedQuery}`,
    title: xmlSafe(`${source.title} · ${SITE_NAME}`),
    description: xmlSafe(source.description),
    link: `${origin}${source.pagePath}`,
    language: 'en',
    updated: feedUpdated(source),
    generator: SITE_NAME,
    feedLinks: { rss: self('rss'), atom: self('atom') },
    author: { name: SITE_NAME, link: origin },
    favicon: `${origin}/static/favicon.svg`,
  });
  for (const entry of source.entries) feed.addItem(itemOf({ entry, format, origin }));
  return format === 'rss' ? feed.rss2() : feed.atom1();
}
