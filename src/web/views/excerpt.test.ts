import { describe, expect, it } from 'vitest';
import { splitMath } from '../../render/math.js';
import { excerptSegments } from './excerpt.js';
import { samplePaper, samplePapers } from './views.test-utils.js';

const textOf = (segments: ReturnType<typeof splitMath>) =>
  segments.map((s) => (s.kind === 'text' ? s.text : s.source)).join('');

describe('excerptSegments', () => {
  it('returns a short abstract whole, with whitespace collapsed', () => {
    const out = excerptSegments({ text: '  A short\n  abstract with $x$.\n', maxChars: 300 });
    expect(out.truncated).toBe(false);
    expect(textOf(out.segments)).toBe('A short abstract with $x$.');
  });

  it('cuts a long abstract on a word boundary within the budget', () => {
    const abstract = samplePaper('0704.0001').abstract;
    const out = excerptSegments({ text: abstract, maxChars: 120 });
    const text = textOf(out.segments);
    expect(out.truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(120);
    expect(abstract.replace(/\s+/g, ' ')).toContain(`${text} `);
    expect(text).not.toMatch(/[\s,]$/);
  });

  it('never splits a math segment, whatever the budget, on every sample abstract', () => {
    for (const paper of samplePapers().slice(0, 80)) {
      const whole = new Set(
        splitMath(paper.abstract.trim().replace(/\s+/g, ' ')).map((s) => (s.kind === 'math' ? s.source : '')),
      );
      for (const maxChars of [40, 97, 150, 300]) {
        for (const s of excerptSegments({ text: paper.abstract, maxChars }).segments) {
          if (s.kind === 'math') expect(whole.has(s.source)).toBe(true);
          // A cut inside math would leave an unbalanced dollar in the text.
          else expect(splitMath(s.text).every((t) => t.kind === 'text')).toBe(true);
        }
      }
    }
  });

  it('keeps a formula that starts inside the budget whole, even if it ends past it', () => {
    const text = `${'word '.repeat(11)}$\\sum_{n=0}^{\\infty} a_n q^n$ and more words follow here`;
    const out = excerptSegments({ text, maxChars: 60 });
    expect(out.segments.at(-1)).toMatchObject({ kind: 'math', tex: '\\sum_{n=0}^{\\infty} a_n q^n' });
  });
});
