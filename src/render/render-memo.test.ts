import { describe, expect, it } from 'vitest';
import { renderSegments, renderTextWithMath, splitMath } from './math.js';
import { createRenderMemo, renderMemo } from './render-memo.js';

describe('render once', () => {
  it('a remembered rendering is the same markup as a fresh one, for math, money and hostile text alike', () => {
    const texts = [
      'Sparse $\\ell_1$ attention and $\\sum_{i=1}^n x_i$',
      'costs $5 and $10 <script>alert(1)</script> & more',
      '$$\\frac{a}{b}$$ then \\(\\alpha\\) and an unknown $\\sii{x}$',
    ];
    renderMemo.clear();
    const fresh = texts.map((t) => renderTextWithMath(t).toString());
    const again = texts.map((t) => renderTextWithMath(t).toString());
    expect(again).toEqual(fresh);
    renderMemo.clear();
    // Segment by segment (the excerpt path) gives the same output with a cold and a warm memo.
    const cold = texts.map((t) => renderSegments(splitMath(t)).toString());
    expect(texts.map((t) => renderSegments(splitMath(t)).toString())).toEqual(cold);
    expect(cold).toEqual(fresh);
    expect(fresh[1]).toContain('&lt;script&gt;');
  });

  it('renders each key once while it is remembered, and stays within its byte bound', () => {
    const memo = createRenderMemo({ maxBytes: 10_000 });
    let calls = 0;
    const render = () => {
      calls++;
      return 'x'.repeat(100);
    };
    memo.get('a', render);
    memo.get('a', render);
    expect(calls).toBe(1);
    for (let i = 0; i < 1000; i++) memo.get(`key${i}`, render);
    expect(memo.size).toBeLessThanOrEqual(10_000 / 200);
  });
});
