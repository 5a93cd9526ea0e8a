// The daily page's organization filter (?org=slug), shown while it applies, with the link that removes it.
import { html, type SafeHtml } from '../../render/html.js';
import { organizationBadge } from './organization-badge.js';
import type { DailyPageVM } from './view-models.js';

export function organizationFilter(filter: DailyPageVM['organizationFilter']): SafeHtml {
  if (!filter) return html``;
  return html`<p class="notice org-filter" role="status">Only papers of ${organizationBadge(filter)} <a class="button button-small" href="${filter.clearHref}" aria-label="${`Remove the filter: show all papers, not only ${filter.name}'s`}">× Show all papers</a></p>`;
}
