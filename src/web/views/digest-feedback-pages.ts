// The page behind a digest's "Not interested" link. Opening it changes nothing (mail scanners open every link): it
// shows one button that posts (with the page's CSRF token, as the confirmation page does), and after that an undo.

import type { StoredPaper } from '../../papers/papers.models.js';
import { html, type SafeHtml } from '../../render/html.js';
import { renderTextWithMath } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { csrfField } from './forms.js';
import { layout } from './layout.js';
import { oneLine } from './paper-card.js';
import type { ChromeVM } from './view-models.js';

export const DIGEST_NOT_INTERESTED_PATH = '/digest/not-interested';

/** `state`: what the reader has asked for so far — nothing yet (`ask`), marked, or undone. */
export function digestNotInterestedPage(vm: {
  chrome: ChromeVM;
  token: string;
  paper: Pick<StoredPaper, 'id' | 'arxivId' | 'title'>;
  state: 'ask' | 'marked' | 'undone';
}): SafeHtml {
  const title = html`<a href="${paperPath(vm.paper.arxivId)}">${renderTextWithMath(oneLine(vm.paper.title))}</a>`;
  const form = (state: 'on' | 'off', label: string, primary: boolean) =>
    html`<form method="post" action="${DIGEST_NOT_INTERESTED_PATH}">${csrfField(vm.chrome.csrfToken)}<input type="hidden" name="token" value="${vm.token}"><input type="hidden" name="paper" value="${String(vm.paper.id)}"><input type="hidden" name="state" value="${state}">
<p><button type="submit" class="${primary ? 'button button-primary' : 'button'}">${label}</button></p></form>`;
  const body =
    vm.state === 'ask'
      ? html`<h1>Not interested?</h1>
<p>Stop recommending ${title} to you, and recommend fewer papers like it?</p>
${form('on', 'Not interested', true)}`
      : vm.state === 'marked'
        ? html`<h1>Got it</h1>
<p class="notice" role="status">${title} will not be recommended to you again; your recommendations learn from it.</p>
${form('off', 'Undo', false)}
<p><a href="/for-you">See your recommendations</a></p>`
        : html`<h1>Undone</h1>
<p class="notice" role="status">${title} can be recommended to you again.</p>
<p><a href="/for-you">See your recommendations</a></p>`;
  return layout({
    vm: { chrome: vm.chrome, title: 'Not interested' },
    body: html`<section class="prose digest-page">${body}</section>`,
  });
}
