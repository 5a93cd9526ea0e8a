// Collection pages: one collection's papers (as cards), the owner's edit/remove controls, and the creation form.

import { EXPORT_CAP } from '../../citations/citations.models.js';
import type { StoredCollection } from '../../community/collections.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { exportLinks, importForm } from './citation-views.js';
import { type CollectionSimilarVM, collectionSimilarSection } from './collection-similar.js';
import { formatDate } from './format.js';
import { csrfField, formError, postButton, textField } from './forms.js';
import { layout } from './layout.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export function newCollectionPage(vm: {
  chrome: ChromeVM;
  paper?: string;
  back?: string;
  name?: string;
  description?: string;
  error?: string | null;
}): SafeHtml {
  const body = html`<section class="prose">
<h1>New collection</h1>
${formError(vm.error)}
<form method="post" action="/collections" class="stack-form">${csrfField(vm.chrome.csrfToken)}
${vm.paper ? html`<input type="hidden" name="paper" value="${vm.paper}"><p class="muted">Paper ${vm.paper} will be saved in it.</p>` : ''}
${vm.back ? html`<input type="hidden" name="back" value="${vm.back}">` : ''}
${collectionFields(vm)}
<p><button type="submit" class="button button-primary">Create collection</button></p>
</form>
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'New collection' }, body });
}

function collectionFields(v: { name?: string; description?: string; isPublic?: boolean }): SafeHtml {
  return html`${textField({ label: 'Name', name: 'name', value: v.name, maxlength: 100, required: true })}
<p class="form-field"><label for="field-description">Description (optional)</label><br>
<textarea id="field-description" name="description" rows="3" maxlength="1000">${v.description ?? ''}</textarea></p>
<p><label><input type="checkbox" name="isPublic" value="on"${v.isPublic === false ? '' : html` checked`}> Public: shown on my profile and to anyone with the link</label></p>`;
}

export function collectionPage(vm: {
  chrome: ChromeVM;
  collection: StoredCollection;
  cards: PaperCardVM[];
  isOwner: boolean;
  /** Feeds of the collection: public collections only. */
  alternateFeeds?: FeedLinkVM[];
  /** The follow control (views/follow-button.ts): others' public collections only. */
  follow?: SafeHtml;
  similar?: CollectionSimilarVM;
}): SafeHtml {
  const { collection: c, chrome } = vm;
  const token = chrome.csrfToken;
  const removeButton = (arxivId: string) =>
    postButton({
      action: `/collections/${c.id}/items`,
      label: 'Remove from collection',
      csrfToken: token,
      fields: { paper: arxivId, state: 'off', back: `/collections/${c.id}` },
    });
  const body = html`<section class="period-header">
<div>
<p class="eyebrow">Collection by <a href="${`/u/${encodeURIComponent(c.owner)}`}">${c.owner}</a>${c.isPublic ? '' : html` · <span class="chip">private</span>`}</p>
<h1>${c.name}</h1>
${c.description ? html`<p class="muted">${c.description}</p>` : ''}
<p class="muted">${c.itemCount === 1 ? '1 paper' : `${c.itemCount} papers`} · updated ${formatDate(c.updatedAt)}</p>
${exportLinks({ label: 'Export this collection', href: (format) => `/collections/${c.id}/export.${format}`, capped: c.itemCount > EXPORT_CAP })}
</div>
${vm.follow ?? ''}
</section>
${vm.isOwner ? importForm({ chrome, collectionId: c.id }) : ''}
${
  vm.isOwner
    ? html`<details class="collection-edit"><summary>Edit collection</summary>
<form method="post" action="${`/collections/${c.id}/edit`}" class="stack-form">${csrfField(token)}
${collectionFields(c)}
<p><button type="submit" class="button button-small">Save</button></p>
</form>
${postButton({ action: `/collections/${c.id}/delete`, label: 'Delete this collection', csrfToken: token })}
</details>`
    : ''
}
${
  vm.cards.length === 0
    ? html`<div class="empty-state"><p class="empty-title">No papers yet</p><p>Use “Save” on any paper to add it here.</p></div>`
    : html`<ol class="paper-list">${vm.cards.map(
        (card) => html`<li>${paperCard({ card, chrome })}${vm.isOwner ? removeButton(card.paper.arxivId) : ''}</li>`,
      )}</ol>`
}
${collectionSimilarSection(vm.similar, chrome)}`;
  return layout({
    vm: {
      chrome,
      title: c.name,
      description: c.description || `A collection of papers by ${c.owner}`,
      alternateFeeds: vm.alternateFeeds,
    },
    body,
  });
}
