// arXiv's free-text author lines (arXivRaw, RSS dc:creator, the snapshot's `authors` field), e.g.
//   "D.V. Shetty, S.J. Yennello, and G.A. Souliotis"
//   "Mark Vogelsberger (1,2), Simon D. M. White (1) ((1) MPA, (2) Harvard/CfA)"
// Names are split on top-level commas, semicolons and "and"; a parenthesis after a name is its
// affiliation; a trailing "((1) X, (2) Y)" block is a numbered affiliation table the names point into.

import type { Author } from '../core/paper.js';
import { decodeTexAccents } from '../core/tex-accents.js';
import { collapseSpace } from './http/text.js';

const SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/;
const ET_AL = /^et\.? ?al\.?$/i;
const NUMBER_REFS = /^\d+(?:\s*(?:,|and|&)\s*\d+)*$/;

export function parseAuthorList(text: string): Author[] {
  const { names, table } = takeNumberedAffiliations(collapseSpace(decodeTexAccents(text)));
  const authors: Author[] = [];
  for (const token of splitTopLevel(names)) {
    const taken = takeGroups(token);
    // "D. Four et al." ends a truncated list: keep the name, drop the "et al.".
    const name = taken.name.replace(/\s+et\.? ?al\.?$/i, '');
    const { groups } = taken;
    if (name.length === 0 || ET_AL.test(name)) continue;
    const previous = authors[authors.length - 1];
    if (previous && SUFFIX.test(name)) {
      previous.name = `${previous.name} ${name}`;
      continue;
    }
    const affiliation = groups.flatMap((g) => resolveGroup(g, table)).join('; ');
    // "LHCb Collaboration: R. Aaij, ..." — the collaboration is an author of its own.
    const colon = name.indexOf(': ');
    if (colon > 0) authors.push({ name: name.slice(0, colon).trim() });
    const own = colon > 0 ? name.slice(colon + 2).trim() : name;
    authors.push(affiliation ? { name: own, affiliation } : { name: own });
  }
  return authors;
}

function resolveGroup(group: string, table: Map<string, string>): string[] {
  if (!NUMBER_REFS.test(group)) return [group];
  const refs = group.split(/\s*(?:,|and|&)\s*/);
  return refs.map((n) => table.get(n) ?? `(${n})`);
}

/** Splits off a final "((1) A, (2) B)" or "(1 A; 2 B)" block into a number → affiliation map. */
function takeNumberedAffiliations(text: string): { names: string; table: Map<string, string> } {
  const table = new Map<string, string>();
  if (!text.endsWith(')')) return { names: text, table };
  const open = matchingOpen(text, text.length - 1);
  if (open <= 0) return { names: text, table };
  const inner = text.slice(open + 1, -1).trim();
  const marker = inner.startsWith('(') ? /\((\d+)\)\s*/g : /^\d+\s/.test(inner) ? /(?:^|[,;]\s*)(\d+)\s+/g : null;
  if (!marker) return { names: text, table };
  const parts = inner.split(marker);
  // split() with one capture group yields [before, n1, text1, n2, text2, ...]
  for (let i = 1; i + 1 < parts.length; i += 2) {
    table.set(parts[i]!, parts[i + 1]!.replace(/[\s,;]+$/, '').trim());
  }
  if (table.size === 0) return { names: text, table };
  return { names: text.slice(0, open).replace(/[\s,;]+$/, ''), table };
}

function matchingOpen(text: string, closeIndex: number): number {
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (ch === ',' || ch === ';') {
      tokens.push(text.slice(start, i));
      start = i + 1;
    } else if (ch === ' ' && /^ (?:and|&) /.test(text.slice(i, i + 5))) {
      tokens.push(text.slice(start, i));
      start = i + (text[i + 1] === '&' ? 3 : 5);
    }
  }
  tokens.push(text.slice(start));
  return tokens.map((t) => t.trim().replace(/^(?:and|&)\s+/, '')).filter((t) => t.length > 0);
}

/** "Jane Doe (MIT) (1,2)" → name "Jane Doe", groups ["MIT", "1,2"]. */
function takeGroups(token: string): { name: string; groups: string[] } {
  const groups: string[] = [];
  let name = '';
  let depth = 0;
  let groupStart = 0;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i];
    if (ch === '(' && depth++ === 0) groupStart = i + 1;
    else if (ch === ')' && depth > 0 && --depth === 0) groups.push(token.slice(groupStart, i).trim());
    else if (depth === 0) name += ch;
  }
  return { name: collapseSpace(name).replace(/[\s.,;:]*$/, (m) => (m.includes('.') ? '.' : '')), groups };
}
