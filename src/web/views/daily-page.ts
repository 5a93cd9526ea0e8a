// The daily / weekly / monthly feed page.

import { html, type SafeHtml } from '../../render/html.js';
import { formatDate } from './format.js';
import { icons } from './icons.js';
import { layout } from './layout.js';
import { organizationFilter } from './organization-filter.js';
import { pagination } from './pagination.js';
import { paperCard } from './paper-card.js';
import type { DailyPageVM, DailySort, PeriodKind } from './view-models.js';

const KIND_LABEL: Record<PeriodKind, { tab: string; eyebrow: string; unit: string; empty: string }> = {
  day: { tab: 'Day', eyebrow: 'Daily papers', unit: 'day', empty: 'on this day' },
  week: { tab: 'Week', eyebrow: 'Papers of the week', unit: 'week', empty: 'in this week' },
  month: { tab: 'Month', eyebrow: 'Papers of the month', unit: 'month', empty: 'in this month' },
};

const SORT_LABEL: Record<DailySort, string> = { upvotes: 'Most upvoted', trending: 'Trending', newest: 'Newest' };

export function dailyPage(vm: DailyPageVM): SafeHtml {
  const kind = KIND_LABEL[vm.period.kind];
  const body = html`<section class="period-header">
<div>
<p class="eyebrow">${kind.eyebrow}</p>
<h1>${vm.period.label}</h1>
${vm.period.kind === 'day' ? '' : html`<p class="muted period-range">${periodRange(vm.period.from, vm.period.to)}</p>`}
</div>
<div class="period-tools">
${periodNav(vm)}
${dateJump(vm.period.from)}
</div>
</section>
<div class="toolbar">
${segmented({
  label: 'Period',
  items: (['day', 'week', 'month'] as const).map((k) => ({
    label: KIND_LABEL[k].tab,
    href: vm.period.kindHrefs[k],
    current: k === vm.period.kind,
  })),
})}
${segmented({
  label: 'Sort by',
  items: (['upvotes', 'trending', 'newest'] as const).map((s) => ({
    label: SORT_LABEL[s],
    href: vm.sortHrefs[s],
    current: s === vm.sort,
  })),
})}
</div>
${organizationFilter(vm.organizationFilter)}
${
  vm.isFallback
    ? html`<p class="notice" role="status">No papers have been listed for the requested ${kind.unit} yet — showing the latest ${kind.unit} with papers.</p>`
    : ''
}
${
  vm.isFuture
    ? html`<div class="empty-state"><p class="empty-title">This ${kind.unit} has not begun yet</p><p>Papers are listed on the day they are submitted, so nothing can be listed ${kind.empty} before it comes. Go back to the latest papers with “Previous ${kind.unit}”.</p></div>`
    : vm.items.length === 0
      ? html`<div class="empty-state"><p class="empty-title">No papers were listed ${kind.empty}</p><p>Try another ${kind.unit}, or submit a paper you think belongs here.</p></div>`
      : html`<ol class="paper-list">${vm.items.map((card) => html`<li>${paperCard({ card, chrome: vm.chrome })}</li>`)}</ol>`
}
${pagination({ page: vm.page, pageCount: vm.pageCount, href: vm.pageHref })}`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: `${kind.eyebrow} — ${vm.period.label}`,
      description: `${kind.eyebrow} for ${vm.period.label}: new arXiv papers ranked by the community.`,
      canonicalPath: vm.pageHref(vm.page),
      alternateFeeds: vm.alternateFeeds,
      activeNav: 'daily',
    },
    body,
  });
}

/** "29 Apr 2024 – 5 May 2024": the first and last day a week or month view covers. */
export function periodRange(from: string, to: string): SafeHtml {
  return html`<time datetime="${from}">${formatDate(from)}</time> – <time datetime="${to}">${formatDate(to)}</time>`;
}

// A plain GET form: the browser's own date picker, no script needed. It opens the chosen day.
function dateJump(day: string): SafeHtml {
  return html`<form class="date-jump" method="get" action="/papers" role="search" aria-label="Go to a date">
<label for="date-jump-input">${icons.calendar}<span class="visually-hidden">Date</span></label>
<input id="date-jump-input" type="date" name="date" value="${day}" min="1991-08-01" required>
<button type="submit" class="button button-small">Go</button>
</form>`;
}

function periodNav(vm: DailyPageVM): SafeHtml {
  const unit = KIND_LABEL[vm.period.kind].unit;
  const link = (href: string | null, rel: 'prev' | 'next', text: string) =>
    href
      ? html`<a class="button" rel="${rel}" href="${href}">${text}</a>`
      : html`<span class="button" aria-disabled="true">${text}</span>`;
  return html`<nav class="period-nav" aria-label="${`Previous and next ${unit}`}">
${link(vm.period.prevHref, 'prev', `← Previous ${unit}`)}
${link(vm.period.nextHref, 'next', `Next ${unit} →`)}
</nav>`;
}

function segmented({
  label,
  items,
}: {
  label: string;
  items: Array<{ label: string; href: string; current: boolean }>;
}): SafeHtml {
  return html`<nav class="segmented" aria-label="${label}">${items.map(
    (i) => html`<a href="${i.href}"${i.current ? html` aria-current="page"` : ''}>${i.label}</a>`,
  )}</nav>`;
}
