// The "API tokens" section of /account: the owner's active tokens with a revoke button each, a form to create
// one, and — once, right after creation — the new token itself.

import type { ApiToken, ApiTokenScope } from '../../community/accounts.models.js';
import { TOKEN_NAME_MAX_LENGTH } from '../../community/accounts.schemas.js';
import { html, type SafeHtml } from '../../render/html.js';
import { formatDate } from './format.js';
import { csrfField, formError, postButton, textField } from './forms.js';

export interface ApiTokensVM {
  tokens: ApiToken[];
  /** The secret of the token just created: shown on this page only, never again. */
  created: { token: string; name: string; scope: ApiTokenScope } | null;
  /** What the creation form shows again after a refusal. */
  form: { name: string; scope: ApiTokenScope; error: string | null };
}

const SCOPES: Array<{ scope: ApiTokenScope; label: string }> = [
  { scope: 'read', label: 'Read: everything public, plus your own tokens and private collections' },
  { scope: 'write', label: 'Write: also submit, vote, comment and change collections' },
];

function tokenRow(t: ApiToken, csrfToken: string | null): SafeHtml {
  return html`<li><strong>${t.name}</strong> <span class="chip">${t.scope}</span> <code>${t.hint}…</code>
<span class="muted">· created ${formatDate(t.createdAt)} · ${t.lastUsedAt ? html`last used ${formatDate(t.lastUsedAt)}` : 'never used'}</span>
${postButton({ action: `/account/tokens/${t.id}/revoke`, label: 'Revoke', csrfToken, title: `Revoke “${t.name}”` })}</li>`;
}

export function apiTokensSection(vm: ApiTokensVM, csrfToken: string | null): SafeHtml {
  const { created, form } = vm;
  return html`<h2 id="api-tokens">API tokens</h2>
<p>Programs use a token to work with the <a href="/docs">API</a> as you: send it as <code>Authorization: Bearer &lt;token&gt;</code>. Revoke a token you no longer use, or one that may have leaked.</p>
${
  created
    ? html`<div class="banner" role="status"><p>Your new ${created.scope} token “${created.name}”. <strong>Copy it now: it is not shown again.</strong></p>
<p><code class="api-token-secret">${created.token}</code></p></div>`
    : ''
}
${
  vm.tokens.length
    ? html`<ul class="api-tokens">${vm.tokens.map((t) => tokenRow(t, csrfToken))}</ul>`
    : html`<p class="muted">You have no API tokens.</p>`
}
<form method="post" action="/account/tokens" class="stack-form">${csrfField(csrfToken)}
${formError(form.error)}
${textField({ label: 'New token name', name: 'name', value: form.name, maxlength: TOKEN_NAME_MAX_LENGTH, required: true, hint: 'Where it will be used, e.g. “lab feed script”' })}
<fieldset><legend>Scope</legend>${SCOPES.map(
    (s) =>
      html`<p><label><input type="radio" name="scope" value="${s.scope}"${s.scope === form.scope ? html` checked` : ''}> ${s.label}</label></p>`,
  )}</fieldset>
<p><button type="submit" class="button button-small">Create token</button></p>
</form>`;
}
