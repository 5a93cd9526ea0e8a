// Sign-up, sign-in, e-mail verification and password reset pages: plain forms that work without JavaScript.

import { EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../community/accounts.schemas.js';
import { PASSWORD_MAX_LENGTH } from '../../community/password-rules.js';
import { html, type SafeHtml } from '../../render/html.js';
import { csrfField, formError, textField } from './forms.js';
import { layout } from './layout.js';
import { mailOff } from './mail-off.js';
import type { ChromeVM } from './view-models.js';

function page(opts: { chrome: ChromeVM; title: string; body: SafeHtml }): SafeHtml {
  return layout({
    vm: { chrome: opts.chrome, title: opts.title },
    body: html`<section class="prose auth-page">${opts.body}</section>`,
  });
}

export function signUpPage(vm: {
  chrome: ChromeVM;
  username?: string;
  email?: string;
  error?: string | null;
}): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Sign up',
    body: html`<h1>Create an account</h1>
${formError(vm.error)}
<form method="post" action="/signup" class="stack-form">${csrfField(vm.chrome.csrfToken)}
${textField({ label: 'Username', name: 'username', value: vm.username, autocomplete: 'username', maxlength: USERNAME_MAX_LENGTH, required: true, hint: '3–30 letters, digits, - or _. Shown on your submissions and comments.' })}
${textField({ label: 'E-mail address', name: 'email', type: 'email', value: vm.email, autocomplete: 'email', maxlength: EMAIL_MAX_LENGTH, required: true, hint: mailOff(vm.chrome) ? 'This site sends no e-mail, so the address stays unconfirmed. Never shown to others.' : 'We send a link to confirm it. Never shown to others.' })}
${textField({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', maxlength: PASSWORD_MAX_LENGTH, required: true, hint: 'At least 8 characters.' })}
<p><button type="submit" class="button button-primary">Create account</button></p>
</form>
<p>Already have an account? <a href="/login">Sign in</a>.</p>`,
  });
}

export function logInPage(vm: {
  chrome: ChromeVM;
  identifier?: string;
  next?: string;
  error?: string | null;
}): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Sign in',
    body: html`<h1>Sign in</h1>
${formError(vm.error)}
<form method="post" action="/login" class="stack-form">${csrfField(vm.chrome.csrfToken)}
<input type="hidden" name="next" value="${vm.next ?? '/'}">
${textField({ label: 'Username or e-mail address', name: 'identifier', value: vm.identifier, autocomplete: 'username', maxlength: EMAIL_MAX_LENGTH, required: true })}
${textField({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', maxlength: PASSWORD_MAX_LENGTH, required: true })}
<p><button type="submit" class="button button-primary">Sign in</button></p>
</form>
<p><a href="/account/reset">Forgot your password?</a> · <a href="/signup">Create an account</a></p>`,
  });
}

export function resetRequestPage(vm: { chrome: ChromeVM; error?: string | null }): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Reset your password',
    body: html`<h1>Reset your password</h1>
${formError(vm.error)}
<p>Enter the e-mail address of your account; we will send you a link to choose a new password.</p>
<form method="post" action="/account/reset" class="stack-form">${csrfField(vm.chrome.csrfToken)}
${textField({ label: 'E-mail address', name: 'email', type: 'email', autocomplete: 'email', maxlength: EMAIL_MAX_LENGTH, required: true })}
<p><button type="submit" class="button button-primary">Send the link</button></p>
</form>`,
  });
}

export function resetConfirmPage(vm: { chrome: ChromeVM; token: string; error?: string | null }): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Choose a new password',
    body: html`<h1>Choose a new password</h1>
${formError(vm.error)}
<form method="post" action="/account/reset/confirm" class="stack-form">${csrfField(vm.chrome.csrfToken)}
<input type="hidden" name="token" value="${vm.token}">
${textField({ label: 'New password', name: 'password', type: 'password', autocomplete: 'new-password', maxlength: PASSWORD_MAX_LENGTH, required: true, hint: 'At least 8 characters. You will be signed out everywhere else.' })}
<p><button type="submit" class="button button-primary">Set the new password</button></p>
</form>`,
  });
}

/** Verification is confirmed with a button (a POST): mail scanners that open links must not verify anything. */
export function verifyEmailPage(vm: { chrome: ChromeVM; token: string; username: string }): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: 'Confirm your e-mail address',
    body: html`<h1>Confirm your e-mail address</h1>
<p>Confirm the e-mail address of the account <strong>${vm.username}</strong>.</p>
<form method="post" action="/account/verify">${csrfField(vm.chrome.csrfToken)}
<input type="hidden" name="token" value="${vm.token}">
<p><button type="submit" class="button button-primary">Confirm my e-mail address</button></p>
</form>`,
  });
}

/** A page that only says something ("Check your inbox"), with optional next steps. */
export function messagePage(vm: {
  chrome: ChromeVM;
  title: string;
  message: string;
  status?: 'info' | 'error';
  links?: Array<{ href: string; text: string }>;
}): SafeHtml {
  return page({
    chrome: vm.chrome,
    title: vm.title,
    body: html`<h1>${vm.title}</h1>
<p class="${vm.status === 'error' ? 'banner banner-warning' : 'notice'}" role="status">${vm.message}</p>
${vm.links?.length ? html`<p>${vm.links.map((l, i) => html`${i > 0 ? ' · ' : ''}<a href="${l.href}">${l.text}</a>`)}</p>` : ''}`,
  });
}
