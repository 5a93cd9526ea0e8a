// /orgs/{slug}: an organization's avatar, name, description, members and papers (newest first, paginated, with
// feeds), and for its admins the forms that edit it; /orgs/new: the form that creates one.
import type { Organization, OrgMember, OrgRole } from '../../organizations/organizations.models.js';
import { orgAvatarPath, orgPath } from '../../organizations/organizations.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, formError, postButton, textField } from './forms.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import { paperCard, userLink } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface OrganizationPageVM {
  chrome: ChromeVM;
  organization: Organization;
  members: OrgMember[];
  total: number;
  cards: PaperCardVM[];
  page: number;
  pageCount: number;
  /** The reader's role in the organization; admins get the editing forms. */
  viewerRole: OrgRole | null;
  alternateFeeds: FeedLinkVM[];
  /** The follow control (views/follow-button.ts). */
  follow?: SafeHtml;
}

const organizationPageHref = (slug: string, page: number) =>
  page > 1 ? `${orgPath(slug)}?page=${page}` : orgPath(slug);

export function organizationPage(vm: OrganizationPageVM): SafeHtml {
  const { organization: org, chrome } = vm;
  const isAdmin = vm.viewerRole === 'admin';
  const body = html`<section class="period-header org-header">
<img class="org-avatar" src="${orgAvatarPath(org.slug)}" alt="" width="64" height="64">
<div>
<p class="eyebrow">Organization</p>
<h1>${org.name}</h1>
${org.description ? html`<p class="org-description">${org.description}</p>` : ''}
<p class="muted">${vm.total === 1 ? '1 paper' : `${vm.total.toLocaleString('en')} papers`}, newest first · <a href="${`/?org=${encodeURIComponent(org.slug)}`}">on the daily page</a> · <a href="${`/feeds/orgs/${encodeURIComponent(org.slug)}.rss`}">RSS</a> · <a href="${`/feeds/orgs/${encodeURIComponent(org.slug)}.atom`}">Atom</a></p>
</div>
${vm.follow ?? ''}
</section>
<section class="org-members" aria-labelledby="members-heading">
<h2 id="members-heading">Members</h2>
<ul>${vm.members.map(
    (m) =>
      html`<li>${userLink(m.username)} <span class="muted">${m.role}</span>${
        isAdmin
          ? html` ${postButton({ action: `${orgPath(org.slug)}/members/remove`, label: 'Remove', csrfToken: chrome.csrfToken, fields: { username: m.username } })}`
          : ''
      }</li>`,
  )}</ul>
${isAdmin ? adminForms(vm) : ''}
</section>
${
  vm.cards.length
    ? html`<ol class="paper-list">${vm.cards.map((card) => html`<li>${paperCard({ card, chrome })}</li>`)}</ol>`
    : html`<div class="empty-state"><p class="empty-title">No papers yet</p><p>Members attribute papers they submitted or wrote from the paper’s page.</p></div>`
}
${pagination({ page: vm.page, pageCount: vm.pageCount, href: (p) => organizationPageHref(org.slug, p) })}`;
  return layout({
    vm: {
      chrome,
      title: org.name,
      description: org.description || `Papers of ${org.name}.`,
      canonicalPath: organizationPageHref(org.slug, vm.page),
      alternateFeeds: vm.alternateFeeds,
    },
    body,
  });
}

function adminForms(vm: OrganizationPageVM): SafeHtml {
  const { organization: org, chrome } = vm;
  return html`<details class="org-admin"><summary>Add a member</summary>
<form method="post" action="${`${orgPath(org.slug)}/members`}">${csrfField(chrome.csrfToken)}
<label>Username <input name="username" maxlength="50" required></label>
<label>Role <select name="role"><option value="member">member</option><option value="admin">admin</option></select></label>
<button type="submit" class="button button-small">Add</button>
<small class="muted">Adding someone already in the organization changes their role.</small>
</form></details>
<details class="org-admin"><summary>Edit the description</summary>
<form method="post" action="${`${orgPath(org.slug)}/description`}">${csrfField(chrome.csrfToken)}
<textarea name="description" rows="3" maxlength="2000">${org.description}</textarea>
<button type="submit" class="button button-small">Save</button>
</form></details>`;
}

export function newOrganizationPage(vm: {
  chrome: ChromeVM;
  error?: string | null;
  values?: { slug?: string; name?: string; description?: string };
}): SafeHtml {
  const v = vm.values ?? {};
  const body = html`<section class="form-page">
<h1>New organization</h1>
<p class="muted">A lab, a company or a reading group. You become its admin; you can add members afterwards.</p>
${formError(vm.error)}
<form method="post" action="/orgs">${csrfField(vm.chrome.csrfToken)}
${textField({ label: 'Name', name: 'name', value: v.name, maxlength: 100, required: true })}
${textField({ label: 'Address', name: 'slug', value: v.slug, maxlength: 40, required: true, hint: 'Lower-case letters, digits and hyphens: /orgs/vision-lab' })}
<p class="form-field"><label for="field-description">Description</label><br>
<textarea id="field-description" name="description" rows="3" maxlength="2000">${v.description ?? ''}</textarea></p>
<button type="submit" class="button button-primary">Create organization</button>
</form>
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'New organization' }, body });
}
