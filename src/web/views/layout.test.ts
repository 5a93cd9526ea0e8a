import { describe, expect, it } from 'vitest';
import { html } from '../../render/html.js';
import { paperPath } from '../../render/paths.js';
import { authorSummary, formatDate, licenseLabel } from './format.js';
import { layout } from './layout.js';

const page = (vm: Partial<Parameters<typeof layout>[0]['vm']> = {}) =>
  layout({ vm: { chrome: { user: null, csrfToken: null }, title: 'T', ...vm }, body: html`<p>body</p>` }).toString();

describe('layout', () => {
  it('has a viewport, a skip link to the main content and the body inside <main>', () => {
    const out = page();
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(out).toContain('<a class="skip-link" href="#main">Skip to content</a>');
    expect(out).toMatch(/<main id="main"[^>]*>\n<p>body<\/p>\n<\/main>/);
  });

  it('has a GET search form for /search?q= that keeps the query, escaped', () => {
    const out = page({ chrome: { user: null, csrfToken: null, searchQuery: '"><script>' } });
    expect(out).toContain('<form class="search-form" role="search" method="get" action="/search">');
    expect(out).toContain('name="q" value="&quot;&gt;&lt;script&gt;"');
  });

  it('renders the theme toggle hidden, so that without JS the page simply follows the system theme', () => {
    expect(page()).toMatch(/<button type="button" class="theme-toggle icon-button" data-theme-toggle hidden/);
    expect(page()).toContain('<script src="/static/theme.js"></script>');
  });

  it('shows the signed-in user, or a sign-in link', () => {
    expect(page({ chrome: { user: { username: '<ada>' }, csrfToken: null } })).toContain('&lt;ada&gt;</span>');
    expect(page()).toContain('href="/login">Sign in</a>');
  });

  it('makes the canonical URL absolute when the origin is known, and lists alternate feeds', () => {
    const out = page({
      chrome: { user: null, csrfToken: null, origin: 'https://papers.example.org' },
      canonicalPath: '/papers/1',
      alternateFeeds: [{ title: 'Daily <feed>', href: '/feeds/daily.xml', type: 'application/rss+xml' }],
    });
    expect(out).toContain('<link rel="canonical" href="https://papers.example.org/papers/1">');
    expect(out).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Daily &lt;feed&gt;" href="/feeds/daily.xml">',
    );
  });

  it('puts the CSP nonce on its scripts when one is given', () => {
    expect(page({ chrome: { user: null, csrfToken: null, nonce: 'abc' } })).toContain(
      '<script src="/static/app.js" defer nonce="abc"></script>',
    );
  });
});

describe('format helpers', () => {
  it('formats dates in UTC whatever the server time zone', () => {
    expect(formatDate('2007-04-01T23:59:00Z')).toBe('1 Apr 2007');
    expect(formatDate('2024-05-01')).toBe('1 May 2024');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('builds paper paths for new- and old-style ids, encoding anything odd', () => {
    expect(paperPath('2401.01234')).toBe('/papers/2401.01234');
    expect(paperPath('hep-th/9901001')).toBe('/papers/hep-th/9901001');
    expect(paperPath('a b?c')).toBe('/papers/a%20b%3Fc');
  });

  it('summarises authors', () => {
    const authors = ['A', 'B', 'C', 'D'].map((name) => ({ name }));
    expect(authorSummary({ authors })).toEqual({ names: ['A', 'B', 'C'], total: 4, truncated: true });
  });

  it('names common licenses', () => {
    expect(licenseLabel('http://creativecommons.org/licenses/by-nc-sa/4.0/')).toBe('CC BY-NC-SA 4.0');
    expect(licenseLabel('http://creativecommons.org/publicdomain/zero/1.0/')).toBe('CC0 1.0');
    expect(licenseLabel('http://arxiv.org/licenses/nonexclusive-distrib/1.0/')).toBe('arXiv non-exclusive license');
  });
});
