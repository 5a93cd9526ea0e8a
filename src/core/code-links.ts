// Finds code and project links in arXiv abstracts and comments. Authors write URLs in many shapes:
// wrapped onto the next line, followed by sentence punctuation, inside `\url{}`/`\footnote{}`, without a
// scheme, or broken by PDF extraction ("https: //github.com/…"). The result is clean, deduplicated
// `https://` URLs in order of appearance.

import type { LinkKind, PaperLink } from './paper.js';

// Most abstracts hold no URL at all. Every URL this module accepts contains one of these markers, and
// plain substring searches are several times cheaper than a case-insensitive regex over a whole abstract.
const HINTS = ['://', ': //', 'www.', '.com/', '.org/', '.co/', '.io'];
const TEX_WRAPPER = /\\(?:url|href|path|nolinkurl|texttt)\s*\{([^{}]*)\}/g;
const TEX_ESCAPE = /\\([_%#&~])(?:\{\})?|\$\\sim\$|\\textasciitilde(?:\{\})?/g;
const BROKEN_SCHEME = /\b(https?):\s*\/\/\s*(?=[\w.-]+\.[a-z]{2,})/gi;
const URL_PATTERN =
  /(?:\bhttps?:\/\/|(?<![\w@./-])(?=www\.|(?:[\w-]+\.)*(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|hf\.co|github\.io)\b))[^\s<>"'`{}|\\^]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?*'"]+$/;
// A URL that ends like this right before a line break was probably wrapped, not finished.
const WRAP_CONTINUATION = /^[\w.~%+-][^\s<>"'`{}|\\^]*/;
const PROJECT_WORDS = /\b(?:project|home|web)[\s-]?(?:page|site|website)\b|\b(?:webpage|website|homepage)\b/i;
const PROJECT_CONTEXT_CHARS = 60;

// First path segments that are site pages, not owners of repositories.
const GITHUB_PAGES =
  'about apps collections explore features login marketplace orgs pricing search settings site sponsors topics trending';
const GITHUB_RESERVED = new Set(GITHUB_PAGES.split(' '));
const HF_NON_REPO = new Set(
  'api blog chat collections docs join learn login models organizations papers posts pricing settings tasks'.split(' '),
);

/** Code-host and project-page links found in the given texts (abstract, comments), deduplicated, in order. */
export function extractLinks(texts: Array<string | null | undefined>): PaperLink[] {
  const links: PaperLink[] = [];
  const seen = new Set<string>();
  for (const raw of texts) {
    if (!raw || !HINTS.some((hint) => raw.includes(hint))) continue;
    for (const link of linksIn(cleanTex(raw))) {
      const key = link.kind === 'project' ? link.url : link.url.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      links.push(link);
    }
  }
  return links;
}

function cleanTex(text: string): string {
  let out = text.replace(BROKEN_SCHEME, '$1://');
  if (out.includes('\\') || out.includes('$')) {
    out = out.replace(TEX_WRAPPER, ' $1 ').replace(TEX_ESCAPE, (_m, ch: string | undefined) => ch ?? '~');
  }
  return out;
}

function* linksIn(text: string): Generator<PaperLink> {
  URL_PATTERN.lastIndex = 0;
  let previousEnd = 0;
  for (let match = URL_PATTERN.exec(text); match !== null; match = URL_PATTERN.exec(text)) {
    let candidate = trimUrl(match[0]);
    const end = match.index + match[0].length;
    if (text[end] === '\n' && looksWrapped(candidate)) {
      const rest = WRAP_CONTINUATION.exec(text.slice(end + 1, end + 201));
      if (rest) {
        candidate = trimUrl(candidate + rest[0]);
        URL_PATTERN.lastIndex = end + 1 + rest[0].length;
      }
    }
    const context = text.slice(Math.max(previousEnd, match.index - PROJECT_CONTEXT_CHARS), match.index);
    previousEnd = URL_PATTERN.lastIndex;
    const link = classify(candidate, PROJECT_WORDS.test(context));
    if (link) yield link;
  }
}

function trimUrl(url: string): string {
  let out = url;
  for (;;) {
    const before = out;
    out = out.replace(TRAILING_PUNCTUATION, '');
    const last = out[out.length - 1];
    if (last === ')' && count(out, '(') < count(out, ')')) out = out.slice(0, -1);
    if (last === ']' && count(out, '[') < count(out, ']')) out = out.slice(0, -1);
    if (out === before) return out;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function looksWrapped(url: string): boolean {
  if (/[-_]$/.test(url)) return true;
  if (!url.endsWith('/')) return false;
  const parsed = parse(url);
  if (!parsed) return false;
  // Only a code-host URL still missing its repository segment is certainly unfinished.
  return codeHost(parsed.host) !== null && parsed.segments.length < 2;
}

interface ParsedUrl {
  scheme: string;
  host: string;
  segments: string[];
  pathAndQuery: string;
}

function parse(url: string): ParsedUrl | null {
  const withScheme = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (!host.includes('.')) return null;
  const segments = parsed.pathname.split('/').filter((s) => s.length > 0);
  const path = parsed.pathname.replace(/\/+$/, '');
  return { scheme: parsed.protocol.slice(0, -1), host, segments, pathAndQuery: path + parsed.search };
}

function codeHost(host: string): Exclude<LinkKind, 'project'> | null {
  if (host === 'github.com') return 'github';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  if (host === 'bitbucket.org') return 'bitbucket';
  if (host === 'huggingface.co' || host === 'hf.co') return 'huggingface';
  return null;
}

function classify(url: string, afterProjectWords: boolean): PaperLink | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const kind = codeHost(parsed.host);
  if (kind) {
    const repo = repoUrl(kind, parsed);
    if (repo) return { kind, url: repo };
  }
  if (parsed.host.endsWith('.github.io'))
    return { kind: 'project', url: `https://${parsed.host}${parsed.pathAndQuery}` };
  if (afterProjectWords) {
    // An explicit http:// page may not serve https, so only scheme-less URLs are upgraded.
    return { kind: 'project', url: `${parsed.scheme}://${parsed.host}${parsed.pathAndQuery}` };
  }
  return null;
}

function repoUrl(kind: Exclude<LinkKind, 'project'>, { host, segments }: ParsedUrl): string | null {
  const [first, second, third] = segments;
  if (!first || !second) return null;
  if (kind === 'github' || kind === 'bitbucket') {
    if (kind === 'github' && GITHUB_RESERVED.has(first.toLowerCase())) return null;
    const repo = second.replace(/\.git$/i, '');
    if (!/^[\w.-]+$/.test(first) || !/^[\w.-]+$/.test(repo)) return null;
    return `https://${host}/${first}/${repo}`;
  }
  if (kind === 'gitlab') {
    // GitLab nests groups; "/-/" starts the in-repo part (tree, blob, issues).
    const stop = segments.indexOf('-');
    const path = (stop === -1 ? segments : segments.slice(0, stop)).join('/').replace(/\.git$/i, '');
    return path.includes('/') ? `https://${host}/${path}` : null;
  }
  if (first === 'datasets' || first === 'spaces')
    return third ? `https://huggingface.co/${first}/${second}/${third}` : null;
  if (HF_NON_REPO.has(first)) return null;
  return `https://huggingface.co/${first}/${second}`;
}
