// Card excerpts: cut an abstract to a budget on a word boundary without ever splitting a math segment,
// since half a TeX expression would render as an error box.
import { type MathSegment, splitMath } from '../../render/math.js';

// A math segment that starts inside the budget is kept whole even if it runs this far past it.
const MATH_OVERRUN = 120;

export interface Excerpt {
  segments: MathSegment[];
  truncated: boolean;
}

export function excerptSegments({ text, maxChars = 300 }: { text: string; maxChars?: number }): Excerpt {
  const source = text.trim().replace(/\s+/g, ' ');
  const segments = splitMath(source);
  const out: MathSegment[] = [];
  let used = 0;
  for (const segment of segments) {
    const length = segment.kind === 'text' ? segment.text.length : segment.source.length;
    if (used + length <= maxChars) {
      out.push(segment);
      used += length;
      continue;
    }
    if (segment.kind === 'math') {
      if (used + length <= maxChars + MATH_OVERRUN) out.push(segment);
    } else {
      const cut = cutAtWord({ text: segment.text, max: maxChars - used });
      if (cut) out.push({ kind: 'text', text: cut });
    }
    return { segments: trimEnd(out), truncated: true };
  }
  return { segments: out, truncated: false };
}

function cutAtWord({ text, max }: { text: string; max: number }): string {
  if (max <= 0) return '';
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(' ');
  // No space at all in the allowance: the segment continues a word, so cut right before it.
  return space < 0 ? '' : head.slice(0, space);
}

// Drop trailing spaces and punctuation so that the ellipsis follows a word ("graphs…", not "graphs, …").
function trimEnd(segments: MathSegment[]): MathSegment[] {
  const last = segments.at(-1);
  if (last?.kind === 'text') {
    const text = last.text.replace(/[\s,;:.(\-–—]+$/, '');
    return text ? [...segments.slice(0, -1), { kind: 'text', text }] : segments.slice(0, -1);
  }
  return segments;
}
