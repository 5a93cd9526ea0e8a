import { describe, expect, it } from 'vitest';
import { diffText, renderTextDiff } from './text-diff.js';

const render = (a: string, b: string) => renderTextDiff(diffText(a, b)).toString();
const tags = (htmlText: string, tag: 'del' | 'ins') => htmlText.match(new RegExp(`<${tag} `, 'g'))?.length ?? 0;

describe('word diff of titles and abstracts', () => {
  it('marks a changed word as deleted and inserted, and leaves the rest alone', () => {
    const diff = diffText('Deep nets for graphs', 'Shallow nets for graphs');
    expect(diff).toMatchObject({ deleted: 1, inserted: 1 });
    expect(renderTextDiff(diff).toString()).toBe(
      '<del class="diff-del">Deep</del><ins class="diff-ins">Shallow</ins> nets for graphs',
    );
  });

  it('escapes what either text holds, on every side of the diff', () => {
    const out = render('a <script>alert(1)</script> & b', 'a <img src=x onerror=alert(1)> & b');
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('&lt;img');
    expect(out).toContain('&amp;');
  });

  it('keeps a changed formula whole: the old one struck out and the new one inserted, each rendered', () => {
    const out = render('We bound $x^2 + y$ here.', 'We bound $x^3 + y$ here.');
    const deleted = /<del class="diff-del">([\s\S]*?)<\/del>/.exec(out)?.[1] ?? '';
    const inserted = /<ins class="diff-ins">([\s\S]*?)<\/ins>/.exec(out)?.[1] ?? '';
    expect(deleted).toContain('class="katex"');
    expect(inserted).toContain('class="katex"');
    // KaTeX keeps the TeX source in its MathML annotation: each side holds its whole formula.
    expect(deleted).toContain('x^2 + y');
    expect(inserted).toContain('x^3 + y');
    expect(out.replace(/<[^>]*>/g, '')).not.toContain('$');
  });

  it('shows a rewritten sentence as one deletion and one insertion, not a comb of one-word edits', () => {
    // arXiv 1101.2736 v1 → v2 (its withdrawal notice), as in arXiv's own metadata rows.
    const out = render(
      'We propose a technique of low frequency phase signal detection with quantum enhanced signal to noise ratio (SNR) by utilizing high frequency squeezing.',
      'This paper has been withdrawn by the author due to an error on the modulation.',
    );
    expect([tags(out, 'del'), tags(out, 'ins')]).toEqual([1, 1]);
  });

  it('keeps a run of common words when it is as long as the changes beside it', () => {
    const out = render(
      'Strong subgroup commutativity degree of finite groups',
      'Considerations on the subgroup commutativity degree and related notions',
    );
    expect(out.replace(/<(del|ins)[^>]*>[\s\S]*?<\/\1>/g, '').trim()).toBe('subgroup commutativity degree');
  });

  it('says identical texts are identical, whatever their line wrapping', () => {
    const diff = diffText('One  line\nwrapped', 'One line wrapped');
    expect(diff).toMatchObject({ deleted: 0, inserted: 0 });
    expect(diff.parts.every((p) => p.op === 'equal')).toBe(true);
  });

  it('shows two texts with little in common whole, within bounded work', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join(' ');
    const diff = diffText(a, b);
    expect(diff.parts.map((p) => p.op)).toEqual(['delete', 'insert']);
    expect(diff).toMatchObject({ deleted: 6000, inserted: 6000 });
  });
});
