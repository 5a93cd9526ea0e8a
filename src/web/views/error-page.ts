// 400/404/500 pages. The message is shown escaped; the request id lets a reader quote the failure to an operator.
import { html, type SafeHtml } from '../../render/html.js';
import { layout } from './layout.js';
import type { ErrorPageVM } from './view-models.js';

export function errorPage(vm: ErrorPageVM): SafeHtml {
  const body = html`<section class="error-page">
<p class="error-status">${vm.status}</p>
<h1>${vm.title}</h1>
<p class="error-message">${vm.message}</p>
${vm.requestId ? html`<p class="muted">Request id: <code>${vm.requestId}</code></p>` : ''}
<p><a class="button button-primary" href="/">Back to today's papers</a></p>
</section>`;
  return layout({
    vm: { chrome: vm.chrome ?? { user: null, csrfToken: null }, title: vm.title, description: vm.message },
    body,
  });
}
