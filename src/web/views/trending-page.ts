// /trending: the hottest listings of the last days, and the page that explains the formula.
import { html, type SafeHtml } from '../../render/html.js';
import { layout } from './layout.js';
import { paperCard } from './paper-card.js';
import type { ChromeVM, FeedLinkVM, PaperCardVM } from './view-models.js';

export interface TrendingPageVM {
  chrome: ChromeVM;
  windowDays: number;
  halfLifeHours: number;
  items: PaperCardVM[];
  alternateFeeds?: FeedLinkVM[];
}

export function trendingPage(vm: TrendingPageVM): SafeHtml {
  const body = html`<section class="period-header">
<div>
<p class="eyebrow">Trending</p>
<h1>Trending papers of the last ${vm.windowDays} days</h1>
<p class="muted">Upvotes decayed by the age of the listing: a paper's score halves every ${vm.halfLifeHours} hours. <a href="/about/trending">How trending works</a>.</p>
</div>
</section>
${
  vm.items.length === 0
    ? html`<div class="empty-state"><p class="empty-title">Nothing is trending yet</p><p>Papers listed in the last ${vm.windowDays} days appear here as they get upvotes.</p></div>`
    : html`<ol class="paper-list">${vm.items.map((card) => html`<li>${paperCard({ card, chrome: vm.chrome })}</li>`)}</ol>`
}`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: 'Trending papers',
      canonicalPath: '/trending',
      activeNav: 'trending',
      alternateFeeds: vm.alternateFeeds,
    },
    body,
  });
}

export function aboutTrendingPage(vm: { chrome: ChromeVM; halfLifeHours: number; windowDays: number }): SafeHtml {
  const h = vm.halfLifeHours;
  const body = html`<article class="prose">
<h1>How trending works</h1>
<p>Trending is a formula, not a secret. Every listed paper has a score:</p>
<p class="formula"><code>score = (upvotes + 1) × 2<sup>−age / ${h} h</sup></code></p>
<p>where <em>age</em> is the time since the paper was listed on this site (not its arXiv date). The score halves every
<strong>${h} hours</strong> unless new upvotes keep it up. The <code>+ 1</code> lets a brand-new paper with no votes
yet appear above old papers nobody voted for.</p>
<h2>What that means in practice</h2>
<ul>
<li>A paper listed ${h} hours ago needs about twice the upvotes (plus one) of a paper listed now to rank level with it.</li>
<li>Two papers listed at the same moment are ordered by upvotes.</li>
<li>Every upvote counts the same; there is no weighting by who voted, no hidden signals, no personalisation on this page.</li>
</ul>
<p>The <a href="/trending">trending page</a> ranks the papers listed in the last ${vm.windowDays} days; the daily, weekly and
monthly views offer the same order with <em>Sort by: Trending</em>.</p>
<h2>For operators</h2>
<p>The half-life is the setting <code>trending.halfLifeHours</code> (<code>DAILYPAPERS_TRENDING_HALF_LIFE_HOURS</code>) and the
window is <code>trending.windowDays</code>. Because the decay is exponential, the order of two papers never changes while nobody
votes, so the score is stored and indexed as <code>log2(upvotes + 1) + listedAtHours / halfLife</code> (the same order) and updated
in the same transaction as each vote.</p>
</article>`;
  return layout({
    vm: { chrome: vm.chrome, title: 'How trending works', canonicalPath: '/about/trending', activeNav: 'about' },
    body,
  });
}
