// Server-side TeX rendering for arXiv titles and abstracts. Abstracts mix TeX ($\alpha$, \(x\)) with plain
// text that contains stray '<', '&' and dollar signs meaning money, so only well-formed math segments go to
// KaTeX (with untrusted-input settings) and everything else is HTML-escaped.
import katex from 'katex';
import { decodeTexText } from '../core/tex-accents.js';
import { escapeHtml, raw, type SafeHtml } from './html.js';
import { renderMemo } from './render-memo.js';

export type MathSegment =
  | { kind: 'text'; text: string }
  /** `source` is the segment as written, delimiters included; `tex` is what goes to KaTeX. */
  | { kind: 'math'; source: string; tex: string; display: boolean };

// Longer "math" is almost always an unbalanced delimiter swallowing prose; it also bounds KaTeX's work.
const MAX_MATH_CHARS = 1000;
// Past this many rendered segments (hostile or huge input) the rest is shown as escaped source.
const MAX_RENDERED_SEGMENTS = 400;

/** Splits text into text and math segments. Linear in the input length, also on hostile input. */
export function splitMath(text: string): MathSegment[] {
  const segments: MathSegment[] = [];
  const finders = new Map(['\\)', '\\]', '$$'].map((needle) => [needle, makeFinder({ text, needle })]));
  const closerFor = (needle: string) => finders.get(needle)!;
  let inlineScannedTo = 0;
  let textStart = 0;
  let i = 0;
  const pushMath = (end: number, open: number, close: number, display: boolean) => {
    if (i > textStart) segments.push({ kind: 'text', text: text.slice(textStart, i) });
    const source = text.slice(i, end);
    segments.push({ kind: 'math', source, tex: source.slice(open, source.length - close), display });
    i = end;
    textStart = end;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\' && (next === '(' || next === '[')) {
      const close = closerFor(next === '(' ? '\\)' : '\\]')(i + 2);
      if (close >= 0 && close - i <= MAX_MATH_CHARS && text.slice(i + 2, close).trim()) {
        pushMath(close + 2, 2, 2, next === '[');
        continue;
      }
      i += 2;
    } else if (c === '\\') {
      i += 2; // an escaped character, e.g. \$ for a literal dollar
    } else if (c === '$' && next === '$') {
      const close = closerFor('$$')(i + 2);
      if (close >= 0 && close - i <= MAX_MATH_CHARS && text.slice(i + 2, close).trim()) {
        pushMath(close + 2, 2, 2, true);
        continue;
      }
      i += 2;
    } else if (c === '$') {
      const from = Math.max(i + 1, inlineScannedTo);
      const close = findInlineClose({ text, open: i, from });
      if (close.at >= 0) {
        pushMath(close.at + 1, 1, 1, false);
        continue;
      }
      inlineScannedTo = close.scannedTo;
      i += 1;
    } else {
      i += 1;
    }
  }
  if (textStart < text.length) segments.push({ kind: 'text', text: text.slice(textStart) });
  return segments;
}

type Finder = (from: number) => number;

// Remembers the last hit so that many openers before one far closer do not rescan the same stretch.
function makeFinder({ text, needle }: { text: string; needle: string }): Finder {
  let lastFrom = Number.POSITIVE_INFINITY;
  let lastHit = -1;
  return (from) => {
    if (from >= lastFrom && (lastHit < 0 || from <= lastHit)) return lastHit;
    lastFrom = from;
    lastHit = text.indexOf(needle, from);
    return lastHit;
  };
}

/**
 * Pandoc's rule for inline `$`: the opener is followed by a non-space, the closer is preceded by a
 * non-space and not followed by a digit, so "costs $5 and $10" stays text. A blank line ends the search.
 * `from` lets the caller skip a stretch an earlier failed search already proved holds no closer.
 */
function findInlineClose({ text, open, from }: { text: string; open: number; from: number }) {
  if (!text[open + 1] || /\s/.test(text[open + 1]!)) return { at: -1, scannedTo: from };
  const limit = Math.min(text.length, open + MAX_MATH_CHARS);
  let j = Math.max(from, open + 1);
  for (; j < limit; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
    } else if (c === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 40))) {
      return { at: -1, scannedTo: j };
    } else if (c === '$' && !/\s/.test(text[j - 1]!) && !/\d/.test(text[j + 1] ?? '')) {
      return { at: j, scannedTo: j };
    }
  }
  return { at: -1, scannedTo: j };
}

// Common author macros in arXiv abstracts that KaTeX does not define.
const MACROS: Readonly<Record<string, string>> = {
  '\\R': '\\mathbb{R}',
  '\\N': '\\mathbb{N}',
  '\\Z': '\\mathbb{Z}',
  '\\Q': '\\mathbb{Q}',
  '\\C': '\\mathbb{C}',
  '\\kms': '\\mathrm{km\\,s^{-1}}',
  '\\msun': 'M_\\odot',
};

// Keyed by mode and source (the delimiters in the source fix the TeX): KaTeX runs once per distinct formula.
function renderMath(segment: Extract<MathSegment, { kind: 'math' }>): string {
  return renderMemo.get(`${segment.display ? 'D' : 'I'}:${segment.source}`, () => renderMathUncached(segment));
}

function renderMathUncached(segment: Extract<MathSegment, { kind: 'math' }>): string {
  const fallback = `<span class="math-fallback">${escapeHtml(segment.source)}</span>`;
  try {
    const out = katex.renderToString(segment.tex, {
      displayMode: segment.display,
      // An unknown macro (an author's private \si, say) throws, and the reader sees the source as written
      // instead of KaTeX's red error rendering.
      throwOnError: true,
      output: 'htmlAndMathml',
      trust: false,
      strict: 'ignore',
      maxSize: 10,
      maxExpand: 200,
      // KaTeX mutates the macros object on \gdef; a fresh copy keeps one abstract from affecting the next.
      macros: { ...MACROS },
    });
    // KaTeX's own error span shows the TeX without delimiters, in an inline colour; ours keeps the source as written.
    return out.startsWith('<span class="katex-error"') ? fallback : out;
  } catch {
    return fallback;
  }
}

// Inline formulas longer than this may need their own line breaks, so they are not glued to adjacent text.
const MAX_GLUED_MATH_CHARS = 40;

/**
 * Renders TeX math segments with KaTeX and escapes everything else. A short inline formula and the text
 * touching it ("$k$-means") form one word that must not wrap, so such words get a `math-word` span.
 */
// Abstracts use text-mode TeX outside math (L\'evy, \emph{weak solutions}, \&); a reader wants the words, not the
// markup (see decodeTexText). Unknown commands stay as written.
function plainTextFromTex(text: string): string {
  return decodeTexText(text.replace(/\\\$/g, '$'));
}

/**
 * Text for places that cannot render math (the page <title>, meta descriptions, feeds): TeX outside math decoded
 * as on the page, math kept as its source.
 */
export function texToPlainText(text: string): string {
  return splitMath(text)
    .map((s) => (s.kind === 'text' ? plainTextFromTex(s.text) : s.source))
    .join('');
}

export function renderSegments(segments: readonly MathSegment[]): SafeHtml {
  let rendered = 0;
  let out = '';
  let word: string[] = [];
  let glue = false;
  const flush = () => {
    out += glue && word.length > 1 ? `<span class="math-word">${word.join('')}</span>` : word.join('');
    word = [];
    glue = false;
  };
  for (const s of segments) {
    if (s.kind === 'text') {
      for (const part of plainTextFromTex(s.text).split(/(\s+)/)) {
        if (part === '') continue;
        if (/^\s/.test(part)) {
          flush();
          out += part;
        } else word.push(escapeHtml(part));
      }
    } else if (rendered++ >= MAX_RENDERED_SEGMENTS) {
      word.push(escapeHtml(s.source));
    } else if (s.display || s.source.length > MAX_GLUED_MATH_CHARS) {
      flush();
      out += renderMath(s);
    } else {
      word.push(renderMath(s));
      glue = true;
    }
  }
  flush();
  return raw(out);
}

/** Titles and other whole texts: the markup of each distinct text is computed once (see render-memo.ts). */
export function renderTextWithMath(text: string): SafeHtml {
  return raw(renderMemo.get(`T:${text}`, () => renderSegments(splitMath(text)).toString()));
}
