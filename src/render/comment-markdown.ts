// Comments are Markdown with raw HTML disabled: markdown-it escapes every `<` the author typed, only http(s) and
// site-relative links survive (javascript:, data:, "/\evil" and friends are dropped), links carry
// rel="nofollow ugc noopener", and images are off (they would load third-party content into our pages).
// TeX math ($…$, $$…$$, \(…\), \[…\]) is recognised by an inline rule *before* Markdown's escapes and emphasis
// can mangle it, and rendered by the same KaTeX path as arXiv abstracts (trust: false), so math never becomes a
// way to pass raw HTML through.
// @mentions (`@username`) are an inline rule too, so they are never found inside code spans, code blocks, math or
// link text; the same parse both renders them (a link to /u/username, only for accounts that exist) and lists them
// for the notifications (mentionedUsernames), so what is linked and who is notified cannot disagree.
import MarkdownIt from 'markdown-it';
import { raw, type SafeHtml, safeUrl } from './html.js';
import { type MathSegment, renderSegments, splitMath } from './math.js';
import { renderMemo } from './render-memo.js';

// The longest formula math.ts renders (1000 characters) plus its delimiters.
const MATH_WINDOW = 1010;

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false, maxNesting: 20 });
md.disable(['image', 'heading', 'lheading', 'table', 'html_block', 'html_inline']);
md.validateLink = (url: string) => safeUrl(url) !== '#';

md.inline.ruler.before('escape', 'math', (state, silent) => {
  const { src, pos } = state;
  const c = src[pos];
  if (c !== '$' && !(c === '\\' && (src[pos + 1] === '(' || src[pos + 1] === '['))) return false;
  // Looking at a bounded window keeps parsing linear even for input made of thousands of dollar signs.
  const first = splitMath(src.slice(pos, Math.min(state.posMax, pos + MATH_WINDOW)))[0];
  if (first?.kind !== 'math') return false;
  if (!silent) {
    const token = state.push('math', '', 0);
    token.meta = first;
  }
  state.pos += first.source.length;
  return true;
});

// Usernames are 3–30 letters, digits, "-" and "_", starting with a letter or digit (community/accounts.schemas.ts).
const MENTION = /^@([A-Za-z0-9][A-Za-z0-9_-]{2,29})(?![A-Za-z0-9_-])/;
// A mention starts a word: "bob@example.org" and "x_@bob" are not mentions.
const WORD_BEFORE = /[A-Za-z0-9_.+-]/;

type MentionEnv = {
  /** Lower-cased usernames of the accounts that exist: only these become links. */
  mentions?: ReadonlySet<string>;
  /** Every mention found, in order, as written. */
  found?: string[];
};

md.inline.ruler.before('text', 'mention', (state, silent) => {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x40 || state.linkLevel > 0) return false;
  if (pos > 0 && WORD_BEFORE.test(src[pos - 1]!)) return false;
  const m = MENTION.exec(src.slice(pos, Math.min(state.posMax, pos + 32)));
  if (!m) return false;
  if (!silent) {
    const env = state.env as MentionEnv;
    const username = m[1]!;
    env.found?.push(username);
    if (env.mentions?.has(username.toLowerCase())) {
      const open = state.push('mention_open', 'a', 1);
      open.attrs = [
        ['class', 'mention'],
        ['href', `/u/${encodeURIComponent(username)}`],
      ];
      state.push('text', '', 0).content = m[0];
      state.push('mention_close', 'a', -1);
    } else {
      state.push('text', '', 0).content = m[0];
    }
  }
  state.pos += m[0].length;
  return true;
});

md.renderer.rules.math = (tokens, idx) => renderSegments([tokens[idx]!.meta as MathSegment]).toString();

const renderLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc noopener');
  return renderLinkOpen(tokens, idx, options, env, self);
};

/** `mentions`: lower-cased usernames that exist (mentionedUsernames, then a store lookup); the others stay text. */
export function renderCommentMarkdown(body: string, mentions?: ReadonlySet<string>): SafeHtml {
  const env: MentionEnv = { mentions };
  return raw(md.render(body, env));
}

/**
 * The usernames a comment mentions (outside code and math), each once, lower-cased, in order of appearance. Read for
 * every comment of a thread on each signed-in view, so a body without "@" is not parsed and the others are parsed
 * once per text (render-memo.ts).
 */
export function mentionedUsernames(body: string): string[] {
  if (!body.includes('@')) return [];
  const names = renderMemo.get(`\u0000mentions\u0000${body}`, () => {
    const env: MentionEnv = { found: [] };
    md.parse(body, env);
    return [...new Set(env.found!.map((u) => u.toLowerCase()))].join(' ');
  });
  return names ? names.split(' ') : [];
}
