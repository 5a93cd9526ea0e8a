import { describe, expect, it } from 'vitest';
import type { Paper } from '../../core/paper.js';
import { html } from '../../render/html.js';
import { paperPage } from './paper-page.js';
import { paperVM, samplePaper } from './views.test-utils.js';

const paper: Paper = {
  ...samplePaper('0704.0002'),
  authors: [{ name: 'Ileana Streinu', affiliation: 'Smith College' }, { name: 'Louis Theran' }],
  doi: '10.1007/s00373-008-0834-4',
  journalRef: 'Graphs and Combinatorics 25 (2009)',
  license: 'http://creativecommons.org/licenses/by/4.0/',
};

const render = (p: Paper, overrides: Parameters<typeof paperVM>[1] = {}) => paperPage(paperVM(p, overrides)).toString();

describe('paper page', () => {
  it('renders the title and the full abstract with math', () => {
    const out = render(paper);
    expect(out).toContain('<title>Sparsity-certifying Graph Decompositions · dailypapers</title>');
    expect(out.match(/class="katex"/g)).toHaveLength(3);
    expect(out).toContain('Westermann and Hendrickson.');
    expect(out).toContain('<link rel="canonical" href="/papers/0704.0002">');
  });

  it('lists authors with affiliations when known', () => {
    const out = render(paper);
    expect(out).toContain(
      '<span class="author-name"><a class="author-link" href="/authors/ileana-streinu">Ileana Streinu</a></span> <span class="affiliation">(Smith College)</span>',
    );
    expect(out).toContain(
      '<li><span class="author-name"><a class="author-link" href="/authors/louis-theran">Louis Theran</a></span></li>',
    );
  });

  it('shows dates, categories, versions, comments, journal ref, DOI link and license', () => {
    const out = render(paper);
    expect(out).toContain('<time datetime="2007-03-31T02:26:18.000Z">31 Mar 2007</time>');
    expect(out).toContain('<dt>Updated</dt><dd><time datetime="2008-12-13T17:26:00.000Z">13 Dec 2008</time>');
    expect(out).toContain('<span class="chip">cs.CG</span>');
    expect(out).toContain('<a href="https://arxiv.org/abs/0704.0002v2">v2</a>');
    expect(out).toContain('To appear in Graphs and Combinatorics');
    expect(out).toContain('Graphs and Combinatorics 25 (2009)');
    expect(out).toContain(
      '<a class="doi" href="https://doi.org/10.1007/s00373-008-0834-4">10.1007/s00373-008-0834-4</a>',
    );
    expect(out).toContain('rel="license">CC BY 4.0</a>');
  });

  it('links to arXiv abstract, PDF and HTML, and to code and project pages when known', () => {
    const out = render(paper, {
      htmlUrl: 'https://arxiv.org/html/0704.0002',
      codeUrl: 'https://github.com/a/b',
      projectUrl: 'https://pebble.example.org',
    });
    for (const href of [
      'https://arxiv.org/pdf/0704.0002',
      'https://arxiv.org/abs/0704.0002',
      'https://arxiv.org/html/0704.0002',
      'https://github.com/a/b',
      'https://pebble.example.org',
    ]) {
      expect(out).toContain(`href="${href}"`);
    }
    expect(render(paper)).not.toMatch(/>HTML<|>Code<|Project page/);
  });

  it('shows who submitted it, when, and the upvotes', () => {
    expect(render(paper)).toContain(
      'Submitted by <strong><a class="user-link" href="/u/akhaliq">akhaliq</a></strong> on <time datetime="2024-05-01">1 May 2024</time> · 12 upvotes',
    );
    expect(render(paper, { listing: null })).not.toContain('upvote-form');
  });

  it('shows a banner for withdrawn papers', () => {
    expect(render({ ...paper, withdrawn: true })).toContain('banner-warning');
    expect(render(paper)).not.toContain('banner-warning');
  });

  it('keeps hidden slots for similar papers and comments, and shows them once filled', () => {
    const empty = render(paper);
    expect(empty).toMatch(/<section id="similar-papers" class="slot"[^>]* hidden>/);
    expect(empty).toMatch(/<section id="comments" class="slot"[^>]* hidden>/);
    const filled = render(paper, { comments: html`<p>First!</p>` });
    expect(filled).toMatch(
      /<section id="comments" class="slot"[^>]*-heading">\n<h2 id="comments-heading">Comments<\/h2>\n<p>First!<\/p>/,
    );
  });

  it('escapes hostile metadata everywhere and neutralises hostile links', () => {
    const out = render(
      {
        ...paper,
        title: '"><script>alert(1)</script>',
        comments: '<img src=x onerror=alert(1)>',
        journalRef: '<iframe>',
        doi: '10.1/"><script>',
        license: 'javascript:alert(1)',
        authors: [{ name: '<b>x</b>', affiliation: '<i>y</i>' }],
        categories: ['<svg onload=alert(1)>'],
      },
      { codeUrl: 'javascript:alert(1)', absUrl: 'javascript:alert(2)' },
    );
    expect(out).not.toMatch(/<script(?! src="\/static\/)|<img|<iframe|<svg onload|<b>|<i>|href="javascript/i);
    expect(out).toContain('href="https://doi.org/10.1/%22%3E%3Cscript%3E"');
  });
});
