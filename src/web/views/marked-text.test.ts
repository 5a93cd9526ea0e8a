import { describe, expect, it } from 'vitest';
import { renderTextWithMath } from '../../render/math.js';
import { MARK_CLOSE as C, MARK_OPEN as O } from '../../search/highlight.js';
import { markedExcerptHtml, markedTextHtml } from './marked-text.js';

// Well-formedness oracle: every <mark> closes, never nests, and each KaTeX formula is KaTeX's own full output.
function marksBalanced(html: string): boolean {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)mark>/g)) {
    depth += m[1] ? -1 : 1;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

describe('search matches on rendered math', () => {
  it('marks a formula that holds a match whole and leaves its KaTeX intact', () => {
    const katex = renderTextWithMath('$W_{q}$').toString();
    const out = markedTextHtml(`Low rank ${O}adaptation${C} of $${O}W${C}_{q}$ matrices`).toString();
    expect(out).toContain(`<mark>${katex}</mark>`);
    expect(out).toContain('<mark>adaptation</mark>');
    expect(out).not.toMatch(/katex-error|math-fallback/);
    expect(out).not.toContain(O);
    expect(out).not.toContain(C);
    expect(marksBalanced(out)).toBe(true);
  });

  it('keeps marks balanced when a phrase match runs into a formula and across words', () => {
    const out = markedTextHtml(`the ${O}weight $W${C}$ of $k$-${O}means clustering${C}`).toString();
    expect(marksBalanced(out)).toBe(true);
    expect(out).toContain('<mark>weight</mark>');
    expect(out).toContain('<mark>clustering</mark>');
    expect(out.match(/class="katex"/g)).toHaveLength(2);
  });

  it('escapes the text around marks', () => {
    const out = markedTextHtml(`${O}<script>${C} & "x"`).toString();
    expect(out).not.toContain('<script>');
    expect(out).toContain('<mark>&lt;script&gt;</mark>');
  });

  it('starts a long abstract excerpt near the first match, without cutting a formula', () => {
    const lead = 'word '.repeat(100);
    const out = markedExcerptHtml({
      marked: `${lead}about $T_1,T_2,\\dots,T_${O}d${C}$ and ${O}tasks${C} ${lead}`,
    }).toString();
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('<mark>tasks</mark>');
    expect(out).toMatch(/<mark><span class="katex">/);
    expect(out).not.toMatch(/katex-error|math-fallback/);
    expect(marksBalanced(out)).toBe(true);
  });

  it('marks only the matched words of an excerpt that starts past the beginning of the abstract', () => {
    const lead = 'word '.repeat(100);
    const out = markedExcerptHtml({ marked: `${lead}we train ${O}experts${C} in parallel and merge them ${lead}` });
    const marked = [...out.toString().matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    expect(marked).toEqual(['experts']);
    expect(out.toString()).toContain('train');
  });
});
