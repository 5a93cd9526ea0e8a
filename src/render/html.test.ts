import { describe, expect, it } from 'vitest';
import { escapeHtml, html, join, raw, SafeHtml, safeUrl } from './html.js';

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  '`${alert(1)}`',
  '</title><script>alert(1)</script>',
  '&lt;script&gt;',
];

describe('html tagged template', () => {
  it('escapes every interpolated string, including quotes and backticks', () => {
    expect(html`<p>${`<a href="x" title='y'>\`&`}</p>`.toString()).toBe(
      '<p>&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&#96;&amp;</p>',
    );
  });

  it('keeps every payload of an XSS corpus inert in text and in quoted attributes', () => {
    for (const payload of XSS) {
      const out = html`<div title="${payload}">${payload}</div>`.toString();
      expect(out).not.toMatch(/<(script|img|svg|iframe)/i);
      expect(out.split('"').length).toBe(3); // the attribute's own two quotes, nothing from the payload
      expect(out).toBe(`<div title="${escapeHtml(payload)}">${escapeHtml(payload)}</div>`);
    }
  });

  it('does not escape nested templates or raw() again, but does escape text that only looks like HTML', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}${raw('<i>ok</i>')}${'<i>no</i>'}</p>`.toString()).toBe(
      '<p><b>a&amp;b</b><i>ok</i>&lt;i&gt;no&lt;/i&gt;</p>',
    );
  });

  it('joins arrays and renders null, undefined and false as nothing but keeps 0', () => {
    const items = ['x<', 'y'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe(
      '<ul><li>x&lt;</li><li>y</li></ul>0',
    );
  });

  it('returns SafeHtml that can be nested and joined with a separator', () => {
    const out = join({ items: ['<a>', html`<b>b</b>`], separator: ', ' });
    expect(out).toBeInstanceOf(SafeHtml);
    expect(`${out}`).toBe('&lt;a&gt;, <b>b</b>');
  });
});

describe('safeUrl', () => {
  it('keeps http, https, protocol-relative and site-relative URLs', () => {
    for (const url of [
      'https://github.com/a/b',
      'http://example.org/x?y=1#z',
      '//cdn.example.org/x',
      '/papers/1',
      'about',
      '?page=2',
    ]) {
      expect(safeUrl(url)).toBe(url);
    }
  });

  it('replaces script, data and other schemes, also when disguised with case, whitespace or control characters', () => {
    const bad = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'https:evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '',
      null,
      undefined,
    ];
    for (const url of bad) expect(safeUrl(url)).toBe('#');
  });

  it('combined with the template, a hostile URL cannot leave its attribute', () => {
    const out = html`<a href="${safeUrl('https://x.org/"><script>alert(1)</script>')}">x</a>`.toString();
    expect(out).toBe('<a href="https://x.org/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>');
  });
});
