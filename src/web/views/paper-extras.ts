// Community controls on a paper page, under the listing line: save to a collection, claim authorship, and for
// moderators the listing's visibility.

import type { StoredClaim } from '../../community/claims.models.js';
import type { Author } from '../../core/paper.js';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, postButton, reasonForm } from './forms.js';
import { saveMenu } from './save-menu.js';
import type { ChromeVM } from './view-models.js';

export interface PaperExtrasVM {
  chrome: ChromeVM;
  arxivId: string;
  authors: Author[];
  savedIn: number[];
  /** The reader's own claim on this paper, if any. */
  claim: StoredClaim | null;
  canClaim: boolean;
  /** Present for moderators when the paper is listed. */
  moderation: { hidden: boolean; hiddenReason: string | null } | null;
}

export function paperExtras(vm: PaperExtrasVM): SafeHtml {
  const { chrome } = vm;
  if (!chrome.user) return html``;
  return html`<div class="paper-community">
${saveMenu({ arxivId: vm.arxivId, savedIn: vm.savedIn, chrome })}
${claimPart(vm)}
${moderationPart(vm)}
</div>`;
}

function claimPart(vm: PaperExtrasVM): SafeHtml {
  if (vm.claim?.status === 'pending')
    return html`<p class="muted">Your authorship claim (as ${vm.claim.authorName}) is waiting for a moderator.</p>`;
  if (vm.claim?.status === 'rejected') return html`<p class="muted">Your authorship claim was not approved.</p>`;
  if (vm.claim || !vm.canClaim || vm.authors.length === 0) return html``;
  return html`<details class="claim-form"><summary>I am an author of this paper</summary>
<form method="post" action="${`/papers/${vm.arxivId}/claims`}">${csrfField(vm.chrome.csrfToken)}
<label>Which author are you? <select name="authorName">${vm.authors.map((a) => html`<option>${a.name}</option>`)}</select></label>
<button type="submit" class="button button-small">Claim authorship</button>
<small class="muted">A moderator checks claims; approved authors get a badge here and on their profile.</small>
</form></details>`;
}

function moderationPart(vm: PaperExtrasVM): SafeHtml {
  const m = vm.moderation;
  if (!m) return html``;
  const token = vm.chrome.csrfToken;
  if (m.hidden) {
    return html`<div class="moderation-panel"><p class="banner banner-warning" role="note">This listing is hidden from the lists${
      m.hiddenReason ? html`: ${m.hiddenReason}` : ''
    }.</p>${postButton({ action: `/papers/${vm.arxivId}/unhide`, label: 'Unhide listing', csrfToken: token })}</div>`;
  }
  return html`<div class="moderation-panel">${reasonForm({ action: `/papers/${vm.arxivId}/hide`, label: 'Hide listing', csrfToken: token })}</div>`;
}
