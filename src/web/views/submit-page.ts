// /submit: put a paper on today's list by arXiv id or URL.
import { paperPath } from './format.js';
import { csrfField, formError } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import type { ChromeVM } from './view-models.js';

export interface SubmitPageVM {
  chrome: ChromeVM;
  value?: string;
  error?: string | null;
  /** When the refusal was a duplicate: the listed paper to link to instead. */
  existingArxivId?: string | null;
  maxPaperAgeDays: number;
  submissionsPerDay: number;
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
<p><button type="submit" class="button button-primary">Submit</button></p>
</form>
<p class="muted">Accepted: <code>2401.01234</code>, <code>2401.01234v2</code>, <code>hep-th/9901001</code>, <code>arXiv:2401.01234</code>,
<code>arxiv.org/abs/…</code> and <code>arxiv.org/pdf/….pdf</code>. Rules here: ${rules.join('; ')}.</p>
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Submit a paper' }, body });
}
