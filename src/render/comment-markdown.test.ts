import { describe, expect, it } from 'vitest';
import { mentionedUsernames, renderCommentMarkdown } from './comment-markdown.js';

const render = (s: string) => renderCommentMarkdown(s).toString();

describe('comment Markdown', () => {
  it('renders emphasis, code, lists and quotes', () => {
    const out = render('Some *emphasis*, `code` and\n\n- a\n- b\n\n> quoted');
    expect(out).toContain('<em>emphasis</em>');
    expect(out).toContain('<code>code</code>');
    expect(out).toContain('<li>a</li>');
    expect(out).toContain('<blockquote>');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const out = render('<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>');
    expect(out).not.toMatch(/<script|<img|<a href="javascript/i);
    expect(out).toContain('&lt;script&gt;');
  });

  it('drops links whose scheme is not http(s) and marks the others nofollow ugc', () => {
    const out = render(
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](/\\evil.com) [d](https://example.org/x) see https://arxiv.org/abs/2401.01234',
    );
    expect(out).not.toMatch(/href="(javascript|data|\/\\)/i);
    expect(out).toContain('<a href="https://example.org/x" rel="nofollow ugc noopener">d</a>');
    expect(out).toContain('<a href="https://arxiv.org/abs/2401.01234" rel="nofollow ugc noopener">');
  });

  it('does not load images', () => {
    expect(render('![pixel](https://tracker.example/p.gif)')).not.toContain('<img');
  });

  it('renders TeX math with KaTeX, also where Markdown would eat backslashes or underscores', () => {
    const out = render('Inline $a_1 + b_1$ and \\(\\{x\\}\\) and $$\\sum_{i} x_i$$ but $5 and $10 stay money.');
    expect(out.match(/class="katex"/g)?.length).toBe(3);
    expect(out).not.toContain('<em>');
    expect(out).toContain('$5 and $10');
  });

  it('keeps math safe: KaTeX runs untrusted, so \\href and \\htmlClass cannot inject anything', () => {
    const out = render('$\\href{javascript:alert(1)}{x}$ $\\htmlClass{x" onclick="alert(1)}{y}$');
    // The TeX source stays visible as escaped text; what matters is that no tag carries a link or a handler.
    expect(out).not.toMatch(/<a\s|<[^>]*\shref=/);
    expect(out).not.toMatch(/<[^>]*\sonclick=/);
  });

  it('stays linear on hostile input made of delimiters', () => {
    const out = render('$'.repeat(20000) + '\\('.repeat(5000));
    expect(out.length).toBeGreaterThan(20000);
  });
});

describe('@mentions in comments', () => {
  const existing = new Set(['bob', 'carol-x']);
  const mention = (s: string) => renderCommentMarkdown(s, existing).toString();

  it('links a mention of an existing account to its profile, keeping the case the author typed', () => {
    const out = mention('Thanks @Bob, see also @carol-x.');
    expect(out).toContain('<a class="mention" href="/u/Bob">@Bob</a>');
    expect(out).toContain('<a class="mention" href="/u/carol-x">@carol-x</a>.');
  });

  it('leaves unknown names, e-mail addresses, code spans, code blocks and math as they are', () => {
    const out = mention('@nobody bob@example.org `@bob` $@bob$\n\n```\n@bob\n```');
    expect(out).not.toContain('class="mention"');
    expect(out).toContain('@nobody');
    expect(out).toContain('<code>@bob</code>');
  });

  it('does not nest a mention inside a link', () => {
    const out = mention('[ask @bob](https://example.org)');
    expect(out.match(/<a /g)?.length).toBe(1);
  });

  it('lists mentioned usernames once each, lower-cased, and none from code', () => {
    expect(mentionedUsernames('@Bob and @bob again, @carol-x, `@dave`, mail@erin.org\n\n    @frank')).toEqual([
      'bob',
      'carol-x',
    ]);
    expect(mentionedUsernames('@ab is too short, @a-name-that-is-far-too-long-to-be-real is too long')).toEqual([]);
  });
});
