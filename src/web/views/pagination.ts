// Page links for long lists: first, last and a window around the current page, with gaps shown as "…".
import { html, type SafeHtml } from '../../render/html.js';

export function pageWindow({ page, pageCount, radius = 2 }: { page: number; pageCount: number; radius?: number }) {
  // Built from the few candidates rather than by looping over every page: pageCount comes from the data.
  const candidates = [1, pageCount];
  for (let n = page - radius; n <= page + radius; n++) candidates.push(n);
  const sorted = [...new Set(candidates)].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const pages: Array<number | 'gap'> = [];
  for (const n of sorted) {
    const prev = pages.at(-1);
    // A gap hiding a single page would take as much room as the page itself.
    if (typeof prev === 'number' && n - prev === 2) pages.push(prev + 1);
    else if (typeof prev === 'number' && n - prev > 2) pages.push('gap');
    pages.push(n);
  }
  return pages;
}

export function pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}): SafeHtml {
  if (pageCount <= 1) return html``;
  const edge = (target: number, rel: 'prev' | 'next', text: string) =>
    target >= 1 && target <= pageCount
      ? html`<a class="page-link" rel="${rel}" href="${href(target)}">${text}</a>`
      : html`<span class="page-link" aria-disabled="true">${text}</span>`;
  return html`<nav class="pagination" aria-label="Pagination">
${edge(page - 1, 'prev', '← Previous')}
<ul>${pageWindow({ page, pageCount }).map((n) =>
    n === 'gap'
      ? html`<li><span class="page-gap">…</span></li>`
      : html`<li><a class="page-link" href="${href(n)}"${n === page ? html` aria-current="page"` : ''}>${n}</a></li>`,
  )}</ul>
${edge(page + 1, 'next', 'Next →')}
</nav>`;
}
