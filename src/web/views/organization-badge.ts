// An organization's name with its generated avatar, linked to its page: on cards (in place of the author count,
// as Hugging Face shows it) and on paper pages.
import { type OrgBadge, orgAvatarPath, orgPath } from '../../organizations/organizations.models.js';
import { html, type SafeHtml } from '../../render/html.js';

export function organizationBadge(org: OrgBadge): SafeHtml {
  return html`<a class="org-badge" href="${orgPath(org.slug)}"><img class="org-avatar" src="${orgAvatarPath(org.slug)}" alt="" width="18" height="18" loading="lazy">${org.name}</a>`;
}
