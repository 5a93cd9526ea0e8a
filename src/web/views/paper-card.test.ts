import { describe, expect, it } from 'vitest';
import type { Paper } from '../../core/paper.js';
import { paperCard } from './paper-card.js';
import { anonymous, card, samplePaper } from './test-fixtures.js';

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
    expect(out).toContain('C. Balázs, E. L. Berger, P. M. Nadolsky <span class="et-al">et al. (4 authors)</span>');
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
      'Submitted by <strong>&lt;i&gt;x&lt;/i&gt;</strong>',
    );
  });
});
