// The HTML document around every page. No inline scripts or styles: the CSP is script-src 'self' and
// style-src 'self' (KaTeX's markup needs only style-src-attr 'unsafe-inline').

import { type HtmlValue, html, type SafeHtml } from '../../render/html.js';
import { digestFooter } from './digest-subscribe-form.js';
import { feedLinksBar } from './feed-links-bar.js';
import { postButton } from './forms.js';
import { icons } from './icons.js';
import { adminMailNotice } from './mail-off.js';
import { notificationsLink } from './notifications-link.js';
import type { ChromeVM, FlashVM, LayoutVM, NavKey } from './view-models.js';
import { perViewer } from './viewer-parts.js';

const SITE_NAME = 'dailypapers';
const DEFAULT_DESCRIPTION =
  'A community-curated daily feed of new arXiv papers: upvotes, trending, search and digests.';

const NAV: ReadonlyArray<{ key: NavKey; label: string; href: string }> = [
  { key: 'daily', label: 'Daily', href: '/' },
  { key: 'trending', label: 'Trending', href: '/trending' },
  { key: 'about', label: 'About trending', href: '/about/trending' },
];

export function layout({ vm, body }: { vm: LayoutVM; body: HtmlValue }): SafeHtml {
  const { chrome } = vm;
  const fullTitle = vm.title === SITE_NAME ? SITE_NAME : `${vm.title} · ${SITE_NAME}`;
  const canonical = vm.canonicalPath ? `${chrome.origin ?? ''}${vm.canonicalPath}` : null;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${vm.description ?? DEFAULT_DESCRIPTION}">
<meta name="color-scheme" content="light dark">
${canonical && html`<link rel="canonical" href="${canonical}">`}
${(vm.alternateFeeds ?? []).map((f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${f.href}">`)}
${vm.head ?? ''}
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/katex/katex.min.css">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/theme.js"${nonceAttr(chrome.nonce)}></script>
<script src="/static/app.js" defer${nonceAttr(chrome.nonce)}></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
${header(vm)}
<main id="main" class="container" tabindex="-1">
${perViewer(chrome, (c) => html`${adminMailNotice(c)}${flashMessage(c.flash)}`)}${feedLinksBar(vm.alternateFeeds)}${body}
</main>
${perViewer(chrome, footer)}
</body>
</html>
`;
}

function nonceAttr(nonce: string | undefined): SafeHtml {
  return nonce ? html` nonce="${nonce}"` : html``;
}

function header(vm: LayoutVM): SafeHtml {
  const { searchQuery } = vm.chrome;
  return html`<header class="site-header">
<div class="container header-inner">
<a class="brand" href="/">${icons.logo}<span>${SITE_NAME}</span></a>
<nav class="site-nav" aria-label="Main">
<ul>
${NAV.map(
  (item) =>
    html`<li><a href="${item.href}"${vm.activeNav === item.key ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
)}
${perViewer(vm.chrome, (c) => readerNav(c, vm.canonicalPath))}
</ul>
</nav>
<form class="search-form" role="search" method="get" action="/search">
<label class="visually-hidden" for="site-search">Search papers</label>
${icons.search}
<input id="site-search" type="search" name="q" value="${searchQuery ?? ''}" placeholder="Search papers" maxlength="300" autocomplete="off">
</form>
<div class="header-actions">
<button type="button" class="theme-toggle icon-button" data-theme-toggle hidden aria-label="Colour theme: system" title="Colour theme: system">${icons.system}${icons.sun}${icons.moon}</button>
${perViewer(vm.chrome, userMenu)}
</div>
</div>
</header>`;
}

function readerNav(chrome: ChromeVM, canonicalPath: string | undefined): SafeHtml {
  if (!chrome.user) return html``;
  return html`<li><a href="/for-you"${canonicalPath === '/for-you' ? html` aria-current="page"` : ''}>For you</a></li>
<li><a href="/following"${canonicalPath === '/following' ? html` aria-current="page"` : ''}>Following</a></li>`;
}

// Signed in: submit, profile, moderation (for moderators) and a sign-out form (a POST, so no link can sign
// anyone out). Signed out: sign in and sign up.
function userMenu(chrome: ChromeVM): SafeHtml {
  const { user } = chrome;
  if (!user) {
    return html`<a class="button button-small" href="/login">Sign in</a> <a class="button button-small button-primary" href="/signup">Sign up</a>`;
  }
  const moderator = user.role === 'moderator' || user.role === 'admin';
  return html`<nav class="user-menu" aria-label="Account">
<a class="button button-small button-primary" href="/submit">Submit a paper</a>
<a class="user-name" href="${`/u/${encodeURIComponent(user.username)}`}" title="Your profile"><span>${user.username}</span></a>
${notificationsLink(user)}
${moderator ? html`<a href="/admin/audit">Moderation</a>` : ''}
<a href="/account">Account</a>
${postButton({ action: '/logout', label: 'Sign out', csrfToken: chrome.csrfToken })}
</nav>`;
}

function flashMessage(flash: FlashVM | null | undefined): SafeHtml {
  if (!flash) return html``;
  const cls = flash.kind === 'error' ? 'banner banner-warning flash' : 'notice flash';
  return html`<p class="${cls}" role="${flash.kind === 'error' ? 'alert' : 'status'}" data-flash="${flash.kind}">${flash.text}</p>
`;
}

function footer(chrome: ChromeVM): SafeHtml {
  return html`<footer class="site-footer">
<div class="container footer-inner">
${digestFooter(chrome)}
<p><strong>${SITE_NAME}</strong> — an open-source, self-hostable daily feed of research papers.</p>
<p>Thank you to arXiv for use of its open access interoperability. Paper metadata comes from <a href="https://arxiv.org/">arXiv.org</a>.</p>
</div>
</footer>`;
}
