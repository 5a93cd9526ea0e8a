// The visible side of a page's feeds: "Feed: RSS · Atom" with the feed icon, for every feed the page also
// announces in <head> (<link rel="alternate">, which browsers no longer show).
import { html, type SafeHtml } from '../../render/html.js';
import { icons } from './icons.js';
import type { FeedLinkVM } from './view-models.js';

const FORMAT: Record<FeedLinkVM['type'], string> = {
  'application/rss+xml': 'RSS',
  'application/atom+xml': 'Atom',
  'application/feed+json': 'JSON Feed',
};

/** Feeds of one page grouped by what they follow ("Daily papers (RSS)" and "(Atom)" → one "Daily papers" line). */
export function feedLinksBar(feeds: readonly FeedLinkVM[] | undefined): SafeHtml {
  if (!feeds?.length) return html``;
  const groups = new Map<string, FeedLinkVM[]>();
  for (const f of feeds) {
    const name = f.title.replace(/ \((RSS|Atom|JSON Feed)\)$/, '');
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  return html`<nav class="feed-links" aria-label="Feeds of this page">${[...groups].map(
    ([name, links]) =>
      html`<p class="feed-link-group">${icons.feed}<span class="feed-link-name">Follow ${name === 'This search' ? 'this search' : `“${name}”`} in a feed reader:</span> ${links.map(
        (l, i) =>
          html`${i ? ' · ' : ''}<a class="feed-link" href="${l.href}" type="${l.type}" title="${l.title}">${FORMAT[l.type]}</a>`,
      )}</p>`,
  )}</nav>`;
}
