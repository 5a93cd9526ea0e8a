import { describe, expect, it } from 'vitest';
import { samplePaper, samplePapers } from '../../test/support/sample-papers.js';
import { renderTextWithMath, splitMath, texToPlainText } from './math.js';

const katexCount = (s: string) => s.split('class="katex"').length - 1;

describe('splitMath', () => {
  it('finds $…$, $$…$$, \\(…\\) and \\[…\\] segments and marks display math', () => {
    const segments = splitMath('a $x$ b $$y$$ c \\(z\\) d \\[w\\] e');
    expect(segments.filter((s) => s.kind === 'math')).toEqual([
      { kind: 'math', source: '$x$', tex: 'x', display: false },
      { kind: 'math', source: '$$y$$', tex: 'y', display: true },
      { kind: 'math', source: '\\(z\\)', tex: 'z', display: false },
      { kind: 'math', source: '\\[w\\]', tex: 'w', display: true },
    ]);
  });

  it('leaves dollar amounts, escaped dollars and unbalanced dollars as text', () => {
    for (const text of [
      'costs $5 and $10 today',
      'a \\$5 fee',
      'just one $ sign',
      '$ spaced $',
      'to order x$ in DIS',
    ]) {
      expect(splitMath(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not let math run across a blank line', () => {
    expect(splitMath('price $x\n\nnext paragraph y$').every((s) => s.kind === 'text')).toBe(true);
  });
});

describe('renderTextWithMath on real arXiv abstracts', () => {
  it('renders the (k,ℓ) math of 0704.0002 with KaTeX and escapes the prose around it', () => {
    const out = renderTextWithMath(samplePaper('0704.0002').abstract).toString();
    expect(katexCount(out)).toBe(3);
    expect(out).toContain('<annotation encoding="application/x-tex">(k,\\ell)</annotation>');
    expect(out).toContain('-pebble</span> game with colors');
  });

  it('escapes stray < and & outside math', () => {
    expect(renderTextWithMath(samplePaper('0704.0049').abstract).toString()).toContain('d&lt;=7');
    expect(renderTextWithMath(samplePaper('0704.0017').abstract).toString()).toContain('King &amp; Wynn');
  });

  it('keeps the unbalanced dollar of 0704.0106 literal and still renders its balanced math', () => {
    const out = renderTextWithMath(samplePaper('0704.0106').abstract).toString();
    expect(out).toContain('\\cal{O}(\\alpha_{s}^2)$ in deeply');
    expect(katexCount(out)).toBeGreaterThan(0);
  });

  it('renders every title and abstract of the sample without a script tag or a KaTeX error box', () => {
    for (const paper of samplePapers()) {
      for (const text of [paper.title, paper.abstract]) {
        const out = renderTextWithMath(text).toString();
        expect(out).not.toMatch(/<script|katex-error/i);
      }
    }
  });
});

describe('renderTextWithMath on hostile input', () => {
  it('never emits markup from inside math', () => {
    const out = renderTextWithMath('$<script>alert(1)</script>$ and $"><img src=x onerror=alert(1)>$').toString();
    expect(out).not.toMatch(/<script|<img/i);
    expect(katexCount(out)).toBe(2);
  });

  it('refuses links and HTML extensions because trust is off', () => {
    const attempts = [
      '$\\href{javascript:alert(1)}{x}$',
      '$\\url{javascript:alert(1)}$',
      '$\\htmlClass{x}{y}$',
      '$\\htmlStyle{color:red}{y}$',
      '$\\includegraphics{https://evil.example/x.png}$',
    ];
    for (const text of attempts) {
      const out = renderTextWithMath(text).toString();
      expect(out).not.toMatch(/href\s*=|<img|class="x"|style="color:red/i);
    }
  });

  it('bounds macro expansion and sizes', () => {
    const bomb = renderTextWithMath('$\\def\\a{\\a\\a}\\a$').toString();
    expect(bomb).toContain('class="math-fallback"');
    const huge = renderTextWithMath('$\\rule{100000em}{100000em}$').toString();
    expect(huge).not.toMatch(/[:"]100000em/);
    expect(huge).toContain('border-right-width:10em');
  });

  it('shows the TeX as written, delimiters included, when it cannot be parsed', () => {
    expect(renderTextWithMath('see $\\frac{1}{$ here').toString()).toBe(
      'see <span class="math-fallback">$\\frac{1}{$</span> here',
    );
  });

  it('handles megabytes of dollar-laden text and caps the number of formulas rendered', () => {
    const unclosed = `${'price $5 and $a '.repeat(60_000)}end`;
    expect(renderTextWithMath(unclosed).toString()).toContain('price $5 and $a end');
    const many = renderTextWithMath('$x$ <b> '.repeat(20_000)).toString();
    expect(katexCount(many)).toBe(400);
    expect(many).not.toContain('<b>');
    expect(many.endsWith('$x$ &lt;b&gt; ')).toBe(true);
  });
});

describe('text-mode TeX outside math', () => {
  it('shows the words of \\emph and similar commands, escaped, without the markup', () => {
    const out = renderTextWithMath(
      'we prove the existence of \\emph{weak <measure> solutions} and \\textbf{more}',
    ).toString();
    expect(out).toContain('weak');
    expect(out).toContain('&lt;measure&gt;');
    expect(out).not.toContain('\\emph');
    expect(out).not.toContain('\\textbf');
  });
});

describe('TeX outside KaTeX', () => {
  it("shows L\\'evy as Lévy in titles and abstracts, and keeps the math around it", () => {
    const out = renderTextWithMath("L\\'evy flights with $\\alpha$-stable noise").toString();
    expect(out).toContain('Lévy flights');
    expect(out).toContain('class="katex"');
  });

  it('shows an unknown macro as its plain source, never as a red KaTeX error', () => {
    const out = renderTextWithMath('a length of $3\\si{m}$ here').toString();
    expect(out).toContain('<span class="math-fallback">$3\\si{m}$</span>');
    expect(out).not.toMatch(/katex-error|#cc0000/);
  });

  it('gives plain text for titles and feeds: TeX decoded outside math, math as written', () => {
    expect(texToPlainText("On L\\'evy \\emph{flights} in $\\mathbb{R}^d$")).toBe('On Lévy flights in $\\mathbb{R}^d$');
  });
});
