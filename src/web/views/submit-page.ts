// /submit: put a paper on today's list by arXiv id or URL.

import { html, type SafeHtml } from '../../render/html.js';
import { paperPath } from '../../render/paths.js';
import { csrfField, formError } from './forms.js';
import { layout } from './layout.js';
import { submitOrganizationField } from './submit-organization.js';
import type { ChromeVM } from './view-models.js';

export interface SubmitPageVM {
  chrome: ChromeVM;
  value?: string;
  error?: string | null;
  /** When the refusal was a duplicate: the listed paper to link to instead. */
  existingArxivId?: string | null;
  maxPaperAgeDays: number;
  submissionsPerDay: number;
  /** The bundled demo's papers that nobody has listed yet (empty on other sites). */
  waiting?: Array<{ arxivId: string; title: string }>;
  /** The submitter's organizations, to attribute the paper to one of them. */
  organizations?: Array<{ slug: string; name: string }>;
}

export function submitPage(vm: SubmitPageVM): SafeHtml {
  const rules = [
    vm.maxPaperAgeDays > 0 ? `papers first published on arXiv in the last ${vm.maxPaperAgeDays} days` : null,
    vm.submissionsPerDay > 0 ? `up to ${vm.submissionsPerDay} submissions per person per day` : null,
    'each paper is listed once',
  ].filter((r): r is string => r !== null);
  const body = html`<section class="prose submit-page">
<h1>Submit a paper</h1>
<p>Paste an arXiv id or link. The paper goes on today's list with your name as the submitter.</p>
${formError(vm.error)}
${vm.existingArxivId ? html`<p><a class="button" href="${paperPath(vm.existingArxivId)}">See the existing listing of ${vm.existingArxivId}</a></p>` : ''}
<form method="post" action="/submit" class="stack-form">${csrfField(vm.chrome.csrfToken)}
<p class="form-field"><label for="field-arxiv">arXiv id or URL</label><br>
<input id="field-arxiv" name="arxivId" value="${vm.value ?? ''}" maxlength="200" required autocomplete="off" placeholder="2401.01234 or https://arxiv.org/abs/2401.01234"></p>
${submitOrganizationField(vm.organizations ?? [])}
<p><button type="submit" class="button button-primary">Submit</button></p>
</form>
${waitingList(vm)}
<p class="muted">Accepted: <code>2401.01234</code>, <code>2401.01234v2</code>, <code>hep-th/9901001</code>, <code>arXiv:2401.01234</code>,
<code>arxiv.org/abs/…</code> and <code>arxiv.org/pdf/….pdf</code>. Rules here: ${rules.join('; ')}.</p>
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Submit a paper' }, body });
}

// The demo's own papers of "today" that wait for a submitter, so trying the form works without arXiv.
function waitingList(vm: SubmitPageVM): SafeHtml | string {
  if (!vm.waiting?.length) return '';
  return html`<section class="submit-waiting" aria-labelledby="waiting-title">
<h2 id="waiting-title">New today, not listed yet</h2>
<p class="muted">Demo papers: in this library but on nobody's list. Submit one to try it.</p>
<ul>${vm.waiting.map(
    (p) =>
      html`<li><form method="post" action="/submit" class="inline-form">${csrfField(vm.chrome.csrfToken)}<input type="hidden" name="arxivId" value="${p.arxivId}"><a href="${paperPath(p.arxivId)}">${p.title}</a> <code>${p.arxivId}</code> <button type="submit" class="button">Submit</button></form></li>`,
  )}</ul>
</section>`;
}
