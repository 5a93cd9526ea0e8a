// The paper page's organization line: which organization the paper came from, the form with which a member who
// submitted or wrote it attributes it to one of their organizations, and a moderator's "remove attribution".
import type { PaperAttribution } from '../../organizations/organizations.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, reasonForm } from './forms.js';
import { organizationBadge } from './organization-badge.js';
import { userLink } from './paper-card.js';
import type { ChromeVM } from './view-models.js';

export interface PaperOrganizationVM {
  chrome: ChromeVM;
  arxivId: string;
  attribution: PaperAttribution | null;
  /** The reader's organizations, when the reader may attribute this paper. */
  choices: Array<{ slug: string; name: string }>;
  canRemove: boolean;
}

export function paperOrganization(vm: PaperOrganizationVM): SafeHtml {
  const a = vm.attribution;
  if (!a && vm.choices.length === 0) return html``;
  const current = a
    ? html`<p class="paper-organization">From ${organizationBadge(a.organization)}${
        a.attributedBy ? html` <small class="muted">(attributed by ${userLink(a.attributedBy)})</small>` : ''
      }</p>`
    : '';
  const form = vm.choices.length
    ? html`<details class="attribution-form"><summary>${a ? 'Change the organization' : 'Attribute to an organization'}</summary>
<form method="post" action="${`/papers/${vm.arxivId}/organization`}">${csrfField(vm.chrome.csrfToken)}
<label>Organization <select name="organization">${vm.choices.map(
        (o) =>
          html`<option value="${o.slug}"${a?.organization.slug === o.slug ? html` selected` : ''}>${o.name}</option>`,
      )}</select></label>
<button type="submit" class="button button-small">Attribute</button>
</form></details>`
    : '';
  const remove = vm.canRemove
    ? reasonForm({
        action: `/papers/${vm.arxivId}/unattribute`,
        label: 'Remove attribution',
        csrfToken: vm.chrome.csrfToken,
      })
    : '';
  return html`<div class="paper-organization-panel">${current}${form}${remove}</div>`;
}
