import { describe, expect, it } from 'vitest';
import type { Paper } from '../../core/paper.js';
import { raw } from '../../render/html.js';
import { paperCard } from './paper-card.js';
import { anonymous, card, samplePaper } from './views.test-utils.js';

const hostile: Paper = {
  ...samplePaper('0704.0002'),
  title: '<script>alert("t")</script> $\\alpha$ "quoted"',
  abstract: 'An abstract with <b>bold</b>, a & b, and "quotes" near $x<y$.',
  authors: [{ name: '<img src=x onerror=alert(1)>' }, { name: "O'Brien" }],
  primaryCategory: '"><svg onload=alert(1)>',
};

const render = (paper: Paper, overrides: Parameters<typeof card>[1] = {}, chrome = anonymous) =>
  paperCard({ card: card(paper, overrides), chrome }).toString();

describe('paper card', () => {
  it('links every author to their author page and the submitter to their profile, decoding TeX accents', () => {
    const listing = { listedOn: '2024-05-01', upvotes: 3, submittedBy: 'ada', commentCount: 2, upvotedByViewer: false };
    const paper = { ...samplePaper('0704.0002'), authors: [{ name: "Paul L\\'evy" }] };
    const out = render(paper, { listing });
    expect(out).toContain('<a class="author-link" href="/authors/paul-levy">Paul Lévy</a>');
    expect(out).toContain('Submitted by <a class="user-link" href="/u/ada">ada</a>');
    expect(out).toContain('2 comments');
    expect(out).toContain('data-upvote-count>3<');
  });

  it('shows up to three categories, primary first, each linking to the search filtered to it', () => {
    const paper = {
      ...samplePaper('0704.0002'),
      primaryCategory: 'cs.LG',
      categories: ['cs.AI', 'cs.LG', 'stat.ML', 'cs.CL'],
    };
    const chips = [...render(paper).matchAll(/<a class="chip" href="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(chips).toEqual([
      ['/categories/cs.LG', 'cs.LG'],
      ['/categories/cs.AI', 'cs.AI'],
      ['/categories/stat.ML', 'stat.ML'],
    ]);
    expect(render({ ...paper, primaryCategory: '', categories: [] })).not.toContain('class="chip"');
  });

  it('takes pre-rendered title and excerpt HTML from a page that highlights matches', () => {
    const out = paperCard({
      card: {
        ...card(samplePaper('0704.0002')),
        highlighted: { title: raw('<mark>Sparsity</mark>'), abstract: raw('a <mark>graph</mark> snippet') },
      },
      chrome: anonymous,
    }).toString();
    expect(out).toContain('<a href="/papers/0704.0002"><mark>Sparsity</mark></a>');
    expect(out).toContain('<p class="card-abstract">a <mark>graph</mark> snippet</p>');
  });

  it('escapes arXiv text in the title, authors, abstract and category', () => {
    const out = render(hostile);
    expect(out).not.toMatch(/<script|<img|<svg onload|<b>/i);
    expect(out).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(out).toContain('O&#39;Brien');
    expect(out).toContain('a &amp; b');
  });

  it('renders math in the title and the abstract excerpt', () => {
    const out = render(samplePaper('0704.0002'));
    expect(out).toContain('class="katex"');
    expect(render(hostile).match(/class="katex"/g)).toHaveLength(2);
  });

  it('links the title to the paper page, keeping the slash of old-style ids', () => {
    expect(render(samplePaper('0704.0002'))).toContain('<a href="/papers/0704.0002">');
    expect(render({ ...samplePaper('0704.0002'), arxivId: 'hep-th/9901001' })).toContain(
      'href="/papers/hep-th/9901001"',
    );
  });

  it('shows three authors then "et al." with the author count', () => {
    const out = render(samplePaper('0704.0001'));
    expect(out.replace(/<[^>]+>/g, '')).toContain('C. Balázs, E. L. Berger, P. M. Nadolsky et al. (4 authors)');
    expect(out).toContain('<a class="author-link" href="/authors/c-balazs">C. Balázs</a>');
    expect(out).toContain('<span class="et-al">et al. (4 authors)</span>');
    expect(render(samplePaper('0704.0002'))).not.toContain('et al.');
  });

  it('shows the code badge only when there is a code URL, and never with a script URL', () => {
    expect(render(samplePaper('0704.0002'))).not.toContain('badge-code');
    expect(render(samplePaper('0704.0002'), { codeUrl: 'https://github.com/a/b' })).toContain(
      '<a class="badge badge-code" href="https://github.com/a/b"',
    );
    expect(render(samplePaper('0704.0002'), { codeUrl: 'javascript:alert(1)' })).toContain('badge-code" href="#"');
  });

  it('cuts the abstract excerpt with an ellipsis', () => {
    const out = render(samplePaper('0704.0001'));
    expect(out).toMatch(/as well as…<\/p>/);
  });

  it('renders the upvote as a POST form with the CSRF token, count and pressed state', () => {
    const out = render(
      samplePaper('0704.0002'),
      {
        listing: { listedOn: '2024-05-01', upvotes: 41, submittedBy: null, commentCount: 1, upvotedByViewer: true },
        rank: 2,
      },
      { user: { username: 'ada' }, csrfToken: 'tok"en' },
    );
    expect(out).toContain('<form class="upvote-form" method="post" action="/papers/0704.0002/upvote" data-upvote>');
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok&quot;en">');
    expect(out).toContain('<input type="hidden" name="state" value="off">');
    expect(out).toContain('aria-pressed="true"');
    expect(out).toContain('data-upvote-count>41</span>');
    expect(out).toContain('#2');
    expect(out).toContain('1 comment</a>');
  });

  it('has no vote box when the paper is not listed', () => {
    const out = render(samplePaper('0704.0002'), { listing: null });
    expect(out).not.toContain('upvote-form');
    expect(out).not.toContain('comments');
  });

  it('names the submitter, escaped', () => {
    const listing = {
      listedOn: '2024-05-01',
      upvotes: 1,
      submittedBy: '<i>x</i>',
      commentCount: 0,
      upvotedByViewer: false,
    };
    expect(render(samplePaper('0704.0002'), { listing })).toContain(
      'Submitted by <a class="user-link" href="/u/%3Ci%3Ex%3C%2Fi%3E">&lt;i&gt;x&lt;/i&gt;</a>',
    );
  });
});
