// Comments are Markdown with raw HTML disabled: markdown-it escapes every `<` the author typed, only http(s) and
// site-relative links survive (javascript:, data:, "/\evil" and friends are dropped), links carry
// rel="nofollow ugc noopener", and images are off (they would load third-party content into our pages).
// TeX math ($…$, $$…$$, \(…\), \[…\]) is recognised by an inline rule *before* Markdown's escapes and emphasis
// can mangle it, and rendered by the same KaTeX path as arXiv abstracts (trust: false), so math never becomes a
// way to pass raw HTML through.
import MarkdownIt from 'markdown-it';
import { raw, type SafeHtml, safeUrl } from '../../render/html.js';
import { type MathSegment, renderSegments, splitMath } from '../../render/math.js';

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

md.renderer.rules.math = (tokens, idx) => renderSegments([tokens[idx]!.meta as MathSegment]).toString();

const renderLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc noopener');
  return renderLinkOpen(tokens, idx, options, env, self);
};

export function renderCommentMarkdown(body: string): SafeHtml {
  return raw(md.render(body));
}
