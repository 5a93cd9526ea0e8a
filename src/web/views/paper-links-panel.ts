// The paper page's further links (dataset, model, demo) with their hosts' icons, and for the paper's verified
// authors and moderators the form that sets the code repository, project page and further links.
import type { ExtraLink, StoredAuthorLinks } from '../../papers/paper-links.models.js';
import { EXTRA_LINK_KINDS, linkHost } from '../../papers/paper-links.models.js';
import { html, type SafeHtml, safeUrl } from '../../render/html.js';
import { csrfField } from './forms.js';
import { icons } from './icons.js';
import type { ChromeVM } from './view-models.js';

export interface PaperLinksPanelVM {
  chrome: ChromeVM;
  arxivId: string;
  links: StoredAuthorLinks | null;
  canEdit: boolean;
}

const KIND_LABEL = { dataset: 'Dataset', model: 'Model', demo: 'Demo' } as const;
const CODE_HOSTS = new Set(['github', 'gitlab', 'bitbucket', 'colab']);

function hostLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

function extraLink(link: ExtraLink): SafeHtml {
  const host = linkHost(link.url);
  const icon = CODE_HOSTS.has(host) ? icons.code : host === 'other' ? icons.external : icons.globe;
  return html`<li><a class="button button-small" href="${safeUrl(link.url)}" rel="noopener nofollow ugc" data-host="${host}">${icon}${KIND_LABEL[link.kind]}</a> <small class="muted">${hostLabel(link.url)}</small></li>`;
}

export function paperLinksPanel(vm: PaperLinksPanelVM): SafeHtml {
  const extra = vm.links?.extra ?? [];
  if (extra.length === 0 && !vm.canEdit) return html``;
  const list = extra.length
    ? html`<ul class="paper-more-links" aria-label="More links">${extra.map(extraLink)}</ul>`
    : '';
  return html`<div class="paper-links-panel">${list}${vm.canEdit ? form(vm) : ''}</div>`;
}

function form(vm: PaperLinksPanelVM): SafeHtml {
  const l = vm.links;
  const lines = (kind: ExtraLink['kind']) =>
    (l?.extra ?? [])
      .filter((e) => e.kind === kind)
      .map((e) => e.url)
      .join('\n');
  return html`<details class="links-form"><summary>Edit links</summary>
<form method="post" action="${`/papers/${vm.arxivId}/links`}">${csrfField(vm.chrome.csrfToken)}
<p><label>Code repository <input name="codeUrl" type="url" maxlength="500" value="${l?.codeUrl ?? ''}" placeholder="https://github.com/owner/repo"></label></p>
<p><label>Project page <input name="projectUrl" type="url" maxlength="500" value="${l?.projectUrl ?? ''}" placeholder="https://…"></label></p>
${EXTRA_LINK_KINDS.map(
  (kind) =>
    html`<p><label>${KIND_LABEL[kind]} links, one per line <textarea name="${kind}" rows="2">${lines(kind)}</textarea></label></p>`,
)}
<button type="submit" class="button button-small">Save links</button>
<small class="muted">https:// links only. Empty code or project fields show the links found in the abstract. Every change is in the audit log.</small>
</form></details>`;
}
