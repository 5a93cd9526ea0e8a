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

// Past this many edits, or tokens, the texts have little in common or are no abstract: both are shown whole, and
// Myers' work (tokens × edits) stays bounded. arXiv caps abstracts at 1,920 characters, about 700 tokens.
const MAX_EDIT_LENGTH = 400;
const MAX_TOKENS = 6000;

function tokens(text: string): MathSegment[] {
  return splitMath(text).flatMap((s) =>
    // A word carries the spaces after it: half the tokens for Myers, and no diff made of lone spaces.
    s.kind === 'math' ? [s] : (s.text.match(/\S+\s*|\s+/g) ?? []).map((t): MathSegment => ({ kind: 'text', text: t })),
  );
}

// What two tokens are compared by: spaces do not count (sources re-wrap lines; a new wrapping is no new text), and a
// formula never equals a word. Strings compared with ===: the diff's inner loop does millions of comparisons.
const keyOf = (s: MathSegment) => (s.kind === 'math' ? `$${s.source}` : `w${s.text.trimEnd()}`);
const isSpace = (s: MathSegment) => s.kind === 'text' && /^\s+$/.test(s.text);
const countWords = (segments: MathSegment[]) => segments.filter((s) => !isSpace(s)).length;

export function diffText(before: string, after: string): TextDiff {
  const a = tokens(before);
  const b = tokens(after);
  const changes =
    a.length + b.length <= MAX_TOKENS
      ? diffArrays(a.map(keyOf), b.map(keyOf), { maxEditLength: MAX_EDIT_LENGTH })
      : undefined;
  // Back from keys to tokens: deleted and equal runs come from the old text, inserted ones from the new.
  let inA = 0;
  let inB = 0;
  const parts: DiffPart[] = changes
    ? changes.map((c): DiffPart => {
        const count = c.value.length;
        const fromA = a.slice(inA, inA + count);
        const fromB = b.slice(inB, inB + count);
        if (!c.added) inA += count;
        if (!c.removed) inB += count;
        if (c.added) return { op: 'insert', segments: fromB };
        return c.removed ? { op: 'delete', segments: fromA } : { op: 'equal', segments: fromB };
      })
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

/**
 * The diff as HTML: <del> and <ins> around changed runs, everything escaped, math rendered. The space after a changed
 * run's last word is written once after the run, outside the marks, so "Deep nets" → "Shallow nets" reads
 * <del>Deep</del><ins>Shallow</ins> nets.
 */
export function renderTextDiff(diff: TextDiff): SafeHtml {
  let spaceOwed = false;
  return html`${diff.parts.map((p, i) => {
    if (p.op === 'equal') return renderSegments(p.segments);
    const { segments, trailing } = withoutTrailingSpace(p.segments);
    spaceOwed ||= trailing;
    const content = renderSegments(segments);
    const marked =
      p.op === 'insert' ? html`<ins class="diff-ins">${content}</ins>` : html`<del class="diff-del">${content}</del>`;
    if (diff.parts[i + 1]?.op !== 'equal' && i + 1 < diff.parts.length) return marked;
    const space = spaceOwed ? ' ' : '';
    spaceOwed = false;
    return html`${marked}${space}`;
  })}`;
}

function withoutTrailingSpace(segments: MathSegment[]): { segments: MathSegment[]; trailing: boolean } {
  const last = segments.at(-1);
  if (last?.kind !== 'text' || !/\s$/.test(last.text)) return { segments, trailing: false };
  const text = last.text.trimEnd();
  return { segments: [...segments.slice(0, -1), ...(text ? [{ kind: 'text' as const, text }] : [])], trailing: true };
}
