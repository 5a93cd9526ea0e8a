// A word-level diff of two titles or abstracts that keeps TeX readable: each math segment ($…$, \(…\), $$…$$) is one
// token, so a changed formula shows as the old formula struck out and the new one inserted, each rendered whole by
// KaTeX, never as a formula cut in half. Words and spaces are the other tokens; the diff itself is jsdiff's (Myers).
import { diffArrays } from 'diff';
import { html, type SafeHtml } from './html.js';
import { type MathSegment, renderSegments, splitMath } from './math.js';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  segments: MathSegment[];
}

export interface TextDiff {
  parts: DiffPart[];
  /** Words (and formulas) deleted and inserted. */
  deleted: number;
  inserted: number;
}

// Past this many edits the texts have little in common; both are shown whole (and Myers' work stays bounded).
const MAX_EDIT_LENGTH = 4000;

function tokens(text: string): MathSegment[] {
  return splitMath(text).flatMap((s) =>
    s.kind === 'math' ? [s] : (s.text.match(/\s+|\S+/g) ?? []).map((t): MathSegment => ({ kind: 'text', text: t })),
  );
}

const sourceOf = (s: MathSegment) => (s.kind === 'math' ? s.source : s.text);
const isSpace = (s: MathSegment) => s.kind === 'text' && /^\s+$/.test(s.text);
// Any run of spaces equals any other: sources re-wrap lines, and a change of wrapping is no change of text.
const sameToken = (a: MathSegment, b: MathSegment) => (isSpace(a) && isSpace(b)) || sourceOf(a) === sourceOf(b);
const countWords = (segments: MathSegment[]) => segments.filter((s) => !isSpace(s)).length;

export function diffText(before: string, after: string): TextDiff {
  const a = tokens(before);
  const b = tokens(after);
  const changes = diffArrays(a, b, { comparator: sameToken, maxEditLength: MAX_EDIT_LENGTH });
  const parts: DiffPart[] = changes
    ? changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', segments: c.value }))
    : [
        { op: 'delete', segments: a },
        { op: 'insert', segments: b },
      ];
  const nonEmpty = mergeShortEqualities(parts.filter((p) => p.segments.length > 0));
  const total = (op: DiffOp) => nonEmpty.filter((p) => p.op === op).reduce((n, p) => n + countWords(p.segments), 0);
  return { parts: nonEmpty, deleted: total('delete'), inserted: total('insert') };
}

interface Group {
  deleted: MathSegment[];
  inserted: MathSegment[];
}

/**
 * Readable rather than minimal (diff-match-patch's "semantic cleanup", counted in words): a run of common words
 * shorter than the changes on both sides of it ("by", "the", a space) is shown as part of the change, so a rewritten
 * sentence reads as the old sentence struck out and the new one inserted, not as a comb of one-word edits.
 */
function mergeShortEqualities(parts: DiffPart[]): DiffPart[] {
  // Alternate: group, equality, group, …, group (groups may be empty).
  const groups: Group[] = [{ deleted: [], inserted: [] }];
  const equalities: MathSegment[][] = [];
  for (const part of parts) {
    if (part.op === 'equal') {
      equalities.push(part.segments);
      groups.push({ deleted: [], inserted: [] });
    } else groups.at(-1)![part.op === 'delete' ? 'deleted' : 'inserted'].push(...part.segments);
  }
  const size = (g: Group) => Math.max(countWords(g.deleted), countWords(g.inserted));
  for (let i = 0; i < equalities.length; ) {
    const before = groups[i]!;
    const after = groups[i + 1]!;
    const equal = equalities[i]!;
    if (size(before) > 0 && size(after) > 0 && countWords(equal) < Math.min(size(before), size(after))) {
      before.deleted.push(...equal, ...after.deleted);
      before.inserted.push(...equal, ...after.inserted);
      groups.splice(i + 1, 1);
      equalities.splice(i, 1);
      i = Math.max(0, i - 1); // the grown change may now swallow the equality before it
    } else i++;
  }
  const out: DiffPart[] = [];
  groups.forEach((g, i) => {
    if (g.deleted.length > 0) out.push({ op: 'delete', segments: g.deleted });
    if (g.inserted.length > 0) out.push({ op: 'insert', segments: g.inserted });
    const equal = equalities[i];
    if (equal && equal.length > 0) out.push({ op: 'equal', segments: equal });
  });
  return out;
}

/** The diff as HTML: <del> and <ins> around changed runs, everything escaped, math rendered. */
export function renderTextDiff(diff: TextDiff): SafeHtml {
  return html`${diff.parts.map((p) => {
    const content = renderSegments(p.segments);
    if (p.op === 'equal') return content;
    return p.op === 'insert'
      ? html`<ins class="diff-ins">${content}</ins>`
      : html`<del class="diff-del">${content}</del>`;
  })}`;
}
