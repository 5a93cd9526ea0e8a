// Search matches on rendered math. The index marks matches in the raw text (U+0002 … U+0003); marking the
// escaped text would put <mark> inside `$…$` and break the TeX. So the raw text is split into math and text
// first: a formula that holds (part of) a match is rendered whole and marked whole, text keeps its own marks,
// and every mark is cut at spaces so that it nests inside the no-wrap word spans of renderSegments.

import { raw, type SafeHtml } from '../../render/html.js';
import { type MathSegment, renderSegments, splitMath } from '../../render/math.js';
import { MARK_CLOSE, MARK_OPEN } from '../../search/highlight.js';
import { excerptSegments } from './excerpt.js';

const MARKERS = new RegExp(`[${MARK_OPEN}${MARK_CLOSE}]`, 'g');
// Text before the first match kept in an excerpt whose first match lies past the start.
const LEAD_CHARS = 60;

/** A whole marked text (a title), math rendered. */
export function markedTextHtml(marked: string): SafeHtml {
  return render(splitMath(marked.trim().replace(/\s+/g, ' ')), false);
}

/** An excerpt of a marked text (an abstract) of about `maxChars`, starting near the first match. */
export function markedExcerptHtml({ marked, maxChars = 300 }: { marked: string; maxChars?: number }): SafeHtml {
  const text = marked.trim().replace(/\s+/g, ' ');
  const start = excerptStart(text, maxChars);
  const excerpt = excerptSegments({ text: text.slice(start), maxChars });
  const body = render(excerpt.segments, insideMatch(text, start)).toString();
  return raw(`${start > 0 ? '…' : ''}${body}${excerpt.truncated ? '…' : ''}`);
}

/** Where an excerpt begins: 0 when the first match is near the start, else a segment or word boundary before it. */
function excerptStart(text: string, maxChars: number): number {
  const first = text.indexOf(MARK_OPEN);
  if (first < 0 || first < maxChars - LEAD_CHARS * 2) return 0;
  let offset = 0;
  for (const segment of splitMath(text)) {
    const source = segment.kind === 'text' ? segment.text : segment.source;
    if (first < offset + source.length) {
      if (segment.kind === 'math') return offset;
      const space = text.lastIndexOf(' ', Math.max(first - LEAD_CHARS, offset));
      return space > offset ? space + 1 : offset;
    }
    offset += source.length;
  }
  return 0;
}

/** Whether position `at` of a marked text lies inside a match (an open marker before it, not closed yet). */
function insideMatch(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf(MARK_OPEN) > before.lastIndexOf(MARK_CLOSE);
}

/** Renders segments whose text carries markers; `openAtStart` when the excerpt starts inside a match. */
function render(segments: readonly MathSegment[], openAtStart: boolean): SafeHtml {
  const out: MathSegment[] = [];
  let open = openAtStart;
  for (const segment of segments) {
    if (segment.kind === 'math') {
      const markers = segment.source.match(MARKERS) ?? [];
      const clean = { ...segment, source: strip(segment.source), tex: strip(segment.tex) };
      if (open || markers.length > 0) {
        out.push({ kind: 'text', text: MARK_OPEN }, clean, { kind: 'text', text: MARK_CLOSE });
      } else out.push(clean);
      if (markers.length > 0) open = markers.at(-1) === MARK_OPEN;
      continue;
    }
    let text = open ? MARK_OPEN : '';
    for (const c of segment.text) {
      if (c === MARK_OPEN) open = true;
      else if (c === MARK_CLOSE) open = false;
      // A match spanning words is marked word by word, so a mark never straddles a word span.
      if (c === ' ' && open) text += `${MARK_CLOSE} ${MARK_OPEN}`;
      else text += c;
    }
    if (open) text += MARK_CLOSE;
    out.push({ kind: 'text', text });
  }
  const html = renderSegments(out)
    .toString()
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>')
    .replaceAll('<mark></mark>', '');
  return raw(balance(html));
}

/** Repeated opens or closes (a match right after another) collapse, so marks never nest. */
function balance(html: string): string {
  let depth = 0;
  return html.replace(/<\/?mark>/g, (tag) => {
    if (tag === '<mark>') return depth++ === 0 ? tag : '';
    if (depth === 0) return '';
    return --depth === 0 ? tag : '';
  });
}

function strip(text: string): string {
  return text.replace(MARKERS, '');
}
