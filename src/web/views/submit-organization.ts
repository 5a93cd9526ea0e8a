// The submit form's "on behalf of" choice: a member submitting a paper may attribute it to one of their
// organizations at once (organizations/attributions.usecases.ts); hidden for readers in no organization.
import { html, type SafeHtml } from '../../render/html.js';

export function submitOrganizationField(organizations: ReadonlyArray<{ slug: string; name: string }>): SafeHtml {
  if (organizations.length === 0) return html``;
  return html`<p class="form-field"><label for="field-organization">Attribute to an organization</label><br>
<select id="field-organization" name="organization"><option value="">— none —</option>${organizations.map(
    (o) => html`<option value="${o.slug}">${o.name}</option>`,
  )}</select></p>`;
}
