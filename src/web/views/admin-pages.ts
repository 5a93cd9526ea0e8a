// Moderation pages: the audit log (every moderation action, newest first) and the queue of authorship claims.
import { html, type SafeHtml } from '../../render/html.js';
import { paperPath } from '../../render/paths.js';
import { formatDate, isoDateTime } from './format.js';
import { postButton } from './forms.js';
import { layout } from './layout.js';
import type { ChromeVM } from './view-models.js';

/** What the audit log shows of an entry (structural: the audit entries of the moderation use cases fit it). */
export interface AuditEntryVM {
  actor: string | null;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  createdAt: string;
}

/** What the claims queue shows of a waiting authorship claim. */
export interface ClaimVM {
  id: number;
  username: string;
  authorName: string;
  arxivId: string;
  paperTitle: string;
  createdAt: string;
}

function adminNav(current: 'audit' | 'claims'): SafeHtml {
  const link = (key: string, href: string, text: string) =>
    html`<a href="${href}"${key === current ? html` aria-current="page"` : ''}>${text}</a>`;
  return html`<nav class="segmented" aria-label="Moderation">${link('audit', '/admin/audit', 'Audit log')}${link('claims', '/admin/claims', 'Authorship claims')}</nav>`;
}

function targetLink(e: AuditEntryVM): SafeHtml {
  if (e.targetType === 'comment') return html`comment #${e.targetId}`;
  return html`${e.targetType} #${e.targetId}`;
}

export function auditPage(vm: { chrome: ChromeVM; entries: AuditEntryVM[]; page: number; hasMore: boolean }): SafeHtml {
  const body = html`<section class="prose admin-page">
<h1>Moderation</h1>
${adminNav('audit')}
${
  vm.entries.length === 0
    ? html`<p class="muted">No moderation actions yet.</p>`
    : html`<table class="audit-log"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Reason</th></tr></thead><tbody>${vm.entries.map(
        (e) =>
          html`<tr><td><time datetime="${isoDateTime(e.createdAt)}">${e.createdAt.slice(0, 16).replace('T', ' ')}</time></td><td>${
            e.actor ? html`<a href="${`/u/${encodeURIComponent(e.actor)}`}">${e.actor}</a>` : 'command line'
          }</td><td><code>${e.action}</code></td><td>${targetLink(e)}</td><td>${e.reason ?? ''}</td></tr>`,
      )}</tbody></table>`
}
<p>${vm.page > 1 ? html`<a href="${`/admin/audit?page=${vm.page - 1}`}">← Newer</a> ` : ''}${vm.hasMore ? html`<a href="${`/admin/audit?page=${vm.page + 1}`}">Older →</a>` : ''}</p>
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Audit log' }, body });
}

export function claimsPage(vm: { chrome: ChromeVM; claims: ClaimVM[] }): SafeHtml {
  const token = vm.chrome.csrfToken;
  const body = html`<section class="prose admin-page">
<h1>Moderation</h1>
${adminNav('claims')}
${
  vm.claims.length === 0
    ? html`<p class="muted">No authorship claims are waiting.</p>`
    : html`<ul class="claims">${vm.claims.map(
        (
          c,
        ) => html`<li><a href="${`/u/${encodeURIComponent(c.username)}`}">${c.username}</a> says they are <strong>${c.authorName}</strong> on
<a href="${paperPath(c.arxivId)}">${c.paperTitle}</a> <span class="muted">(${formatDate(c.createdAt)})</span>
${postButton({ action: `/claims/${c.id}/approve`, label: 'Approve', csrfToken: token })}
${postButton({ action: `/claims/${c.id}/reject`, label: 'Reject', csrfToken: token })}</li>`,
      )}</ul>`
}
</section>`;
  return layout({ vm: { chrome: vm.chrome, title: 'Authorship claims' }, body });
}
