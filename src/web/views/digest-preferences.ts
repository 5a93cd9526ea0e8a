// The digest preferences form: how often, how many papers, categories, followed authors, "For you", the hour and
// time zone, and saved searches. The same form serves the signed-in settings page and the signed link in mails;
// only where it posts (and the hidden token of the link) differ.

import type { SavedSearch, Subscription } from '../../digest/digest.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { savedSearchFeedLinks } from '../feeds/feed-links.js';
import { csrfField, formError } from './forms.js';

export interface PreferencesFormVM {
  csrfToken: string | null;
  subscription: Subscription;
  savedSearches: SavedSearch[];
  /** Where each form posts. */
  actions: { save: string; addSearch: string; removeSearch: (id: number) => string };
  /** Hidden fields every form carries (the signed token of a mail link). */
  hidden?: Record<string, string>;
  /** Whether "For you" applies (only subscriptions of an account get recommendations). */
  hasAccount: boolean;
  error?: string | null;
}

const TIME_ZONES: readonly string[] = (() => {
  const zones = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

function hiddenFields(vm: PreferencesFormVM): SafeHtml {
  return html`${csrfField(vm.csrfToken)}${Object.entries(vm.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

const selected = (on: boolean) => (on ? html` selected` : '');

export function preferencesForm(vm: PreferencesFormVM): SafeHtml {
  const s = vm.subscription;
  return html`${formError(vm.error)}
<form method="post" action="${vm.actions.save}" class="digest-preferences">${hiddenFields(vm)}
<p class="form-field"><label for="digest-period">How often</label><br>
<select id="digest-period" name="period"><option value="daily"${selected(s.period === 'daily')}>Daily (weekdays)</option><option value="weekly"${selected(s.period === 'weekly')}>Weekly (Mondays)</option></select></p>
<p class="form-field"><label for="digest-max">Top papers per digest</label><br>
<input id="digest-max" name="maxPapers" type="number" min="1" max="50" value="${s.maxPapers}" required></p>
<p class="form-field"><label for="digest-include">Only these categories</label><br>
<input id="digest-include" name="includeCategories" value="${s.includeCategories.join(', ')}" placeholder="e.g. cs.CL, cs.LG (empty: all)" maxlength="500"></p>
<p class="form-field"><label for="digest-exclude">Never these categories</label><br>
<input id="digest-exclude" name="excludeCategories" value="${s.excludeCategories.join(', ')}" placeholder="e.g. cs.CV" maxlength="500"></p>
<p class="form-field"><label for="digest-authors">Authors you follow (one per line)</label><br>
<textarea id="digest-authors" name="followAuthors" rows="3" maxlength="2000">${s.followAuthors.join('\n')}</textarea></p>
${
  vm.hasAccount
    ? html`<p><label><input type="checkbox" name="forYou" value="on"${s.forYou ? html` checked` : ''}> Add “Recommended for you”, learnt from your upvotes, collections and clicks</label></p>`
    : html`<input type="hidden" name="forYou" value="${s.forYou ? 'on' : ''}">`
}
<p class="form-field"><label for="digest-hour">Send at</label>
<select id="digest-hour" name="sendHour">${Array.from({ length: 24 }, (_, h) => html`<option value="${h}"${selected(h === s.sendHour)}>${String(h).padStart(2, '0')}:00</option>`)}</select>
<label for="digest-tz">time zone</label>
<select id="digest-tz" name="timezone">${TIME_ZONES.map((tz) => html`<option${selected(tz === s.timezone)}>${tz}</option>`)}</select></p>
<p><button type="submit" class="button button-primary">Save preferences</button></p>
</form>
<h2>Saved searches</h2>
${
  vm.savedSearches.length === 0
    ? html`<p class="muted">None yet. New papers matching a saved search appear in your digest.</p>`
    : html`<ul class="saved-searches">${vm.savedSearches.map(
        (
          s,
        ) => html`<li><a href="${`/search?q=${encodeURIComponent(s.query)}`}">${s.query}</a>${s.category ? html` <span class="chip">${s.category}</span>` : ''}${
          s.hasCode ? html` <span class="chip">with code</span>` : ''
        } ${savedSearchFeedLinks(s)
          .filter((f) => f.type === 'application/rss+xml')
          .map((f) => html`<a class="muted" href="${f.href}" title="${f.title}">RSS</a>`)}
<form class="inline-form" method="post" action="${vm.actions.removeSearch(s.id)}">${hiddenFields(vm)}<input type="hidden" name="id" value="${s.id}"><button type="submit" class="button button-small">Remove</button></form></li>`,
      )}</ul>`
}
<form method="post" action="${vm.actions.addSearch}" class="digest-add-search">${hiddenFields(vm)}
<p class="form-field"><label for="digest-query">Alert me about new papers matching</label><br>
<input id="digest-query" name="query" maxlength="300" placeholder="e.g. mixture of experts" required>
<button type="submit" class="button button-small">Add</button></p>
</form>`;
}
