// "Save" on a card or paper page: a disclosure listing the reader's collections, each a one-button form that
// adds the paper or (✓) removes it. Without JavaScript the form's `back` field brings the reader back to the page
// they were on, scrolled to the card (`anchor`), with a flash message; app.js posts it in place instead.

import { html, type SafeHtml } from '../../render/html.js';
import { paperPath } from '../../render/paths.js';
import { postButton } from './forms.js';
import type { ChromeVM } from './view-models.js';

// More than this and the menu stops being a menu; the collection pages handle the rest.
const MAX_SHOWN = 25;

export function saveMenu(args: {
  arxivId: string;
  savedIn: readonly number[];
  chrome: ChromeVM;
  /** Element id on the page to return to, e.g. the card's. */
  anchor?: string;
}): SafeHtml {
  const collections = args.chrome.user?.collections;
  if (!collections) return html``;
  const saved = new Set(args.savedIn);
  const back = `${args.chrome.currentPath ?? paperPath(args.arxivId)}${args.anchor ? `#${args.anchor}` : ''}`;
  const item = (c: { id: number; name: string }) => {
    const contains = saved.has(c.id);
    return html`<li>${postButton({
      action: `/collections/${c.id}/items`,
      label: `${contains ? '✓ ' : '+ '}${c.name}`,
      csrfToken: args.chrome.csrfToken,
      fields: { paper: args.arxivId, state: contains ? 'off' : 'on', back },
      className: 'save-toggle',
      title: contains ? `Remove from ${c.name}` : `Save in ${c.name}`,
    })}</li>`;
  };
  return html`<details class="save-menu" data-save-menu>
<summary class="button button-small" data-save-summary>${saved.size > 0 ? `Saved (${saved.size})` : 'Save'}</summary>
<ul class="save-menu-list">
${collections.slice(0, MAX_SHOWN).map(item)}
<li class="save-menu-status" role="status" aria-live="polite" data-save-status></li>
<li><a href="${`/collections/new?paper=${encodeURIComponent(args.arxivId)}&back=${encodeURIComponent(back)}`}">New collection…</a></li>
</ul>
</details>`;
}
