// Small form pieces shared by the community pages. Every POST form carries the CSRF token as `_csrf`.
import { type HtmlValue, html, type SafeHtml } from '../../render/html.js';

export function csrfField(token: string | null): SafeHtml {
  return token ? html`<input type="hidden" name="_csrf" value="${token}">` : html``;
}

/** An error summary at the top of a form, announced to screen readers. */
export function formError(message: string | null | undefined): SafeHtml {
  return message ? html`<p class="banner banner-warning form-error" role="alert">${message}</p>` : html``;
}

export function textField(f: {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  value?: string;
  autocomplete?: string;
  maxlength?: number;
  required?: boolean;
  hint?: string;
}): SafeHtml {
  const id = `field-${f.name}`;
  return html`<p class="form-field"><label for="${id}">${f.label}</label><br>
<input id="${id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value ?? ''}"${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${
    f.maxlength ? html` maxlength="${f.maxlength}"` : ''
  }${f.required ? html` required` : ''}>${f.hint ? html`<br><small class="muted">${f.hint}</small>` : ''}</p>`;
}

/**
 * A form that is just one button (sign out, delete, approve…), with optional hidden fields. The form itself is
 * empty and hidden; the button sits where it is written and names the form with its `form` attribute, so a row
 * of such buttons stays on one line without any stylesheet.
 */
export function postButton(b: {
  action: string;
  label: HtmlValue;
  csrfToken: string | null;
  fields?: Record<string, string>;
  className?: string;
  title?: string;
}): SafeHtml {
  const id = formId(b.action, b.fields);
  return html`<form id="${id}" class="inline-form" method="post" action="${b.action}" hidden>${csrfField(b.csrfToken)}${Object.entries(
    b.fields ?? {},
  ).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}</form><button type="submit" form="${id}" class="${b.className ?? 'button button-small'}"${
    b.title ? html` title="${b.title}"` : ''
  }>${b.label}</button>`;
}

/** A stable id per action and fields (FNV-1a), unique on a page as long as the same form is not repeated. */
function formId(action: string, fields: Record<string, string> | undefined): string {
  let h = 0x811c9dc5;
  for (const ch of `${action}?${JSON.stringify(fields ?? {})}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `post-${h.toString(36)}`;
}

/** A moderation action that needs a reason: a disclosure with a reason field and a submit button. */
export function reasonForm(f: {
  action: string;
  label: string;
  csrfToken: string | null;
  placeholder?: string;
}): SafeHtml {
  return html`<details class="reason-form"><summary>${f.label}</summary>
<form method="post" action="${f.action}">${csrfField(f.csrfToken)}
<label>Reason <input name="reason" maxlength="500" placeholder="${f.placeholder ?? 'Shown in the audit log'}"></label>
<button type="submit" class="button button-small">${f.label}</button>
</form></details>`;
}
