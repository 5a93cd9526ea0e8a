// A digest as a mail: HTML that survives common clients (tables for layout, inline styles, no images or scripts,
// a dark-mode block for clients that honour it and colours that stay legible when others invert them) and a plain
// text part with the same content and every link spelled out. All text goes through the escape-by-default template.

import type { StoredPaper } from '../papers/papers.models.js';
import { html, type SafeHtml, safeUrl } from '../render/html.js';
import { texToPlainText } from '../render/math.js';
import type { DigestPeriod } from './digest-period.js';

export interface DigestPaper {
  paper: StoredPaper;
  upvotes: number | null;
  /** Where the title links: the paper's page, through the signed click redirect. */
  href: string;
  /** Recommendations only: the signed "not interested" link and why the paper is recommended. */
  notInterestedHref?: string;
  why?: DigestWhy;
}

export interface DigestWhy {
  because: { title: string; kind: 'upvote' | 'collection' | 'click' } | null;
  terms: string[];
}

const VERB = { upvote: 'upvoted', collection: 'saved', click: 'opened' } as const;

/** "Because you saved “Surface codes” · weighed most: decoding, qubits" — plain text, for both parts of the mail. */
export function whyLine(why: DigestWhy | undefined): string {
  if (!why) return '';
  const parts = [
    why.because ? `Because you ${VERB[why.because.kind]} “${texToPlainText(why.because.title)}”` : '',
    why.terms.length > 0 ? `weighed most: ${why.terms.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

export interface RenderDigestInput {
  siteName: string;
  siteUrl: string;
  period: DigestPeriod;
  top: DigestPaper[];
  searches: Array<{ query: string; papers: DigestPaper[] }>;
  forYou: DigestPaper[];
  /** "From what you follow"; absent or empty: no section. */
  following?: DigestPaper[];
  manageUrl: string;
  unsubscribeUrl: string;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const DARK_CSS = `@media (prefers-color-scheme: dark) {
  .dp-bg { background: #111418 !important; }
  .dp-card { background: #1b1f24 !important; border-color: #30363d !important; }
  .dp-text { color: #e6e6e6 !important; }
  .dp-muted { color: #a0a7b0 !important; }
  .dp-link { color: #7cb7ff !important; }
}`;

/** The first sentence of an abstract, cut on a word boundary: one line under the title. */
export function oneLineExcerpt(abstract: string, maxChars = 200): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{40,}?[.!?])\s/.exec(text)?.[1] ?? text;
  if (sentence.length <= maxChars) return sentence;
  const cut = sentence.slice(0, maxChars + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut.slice(0, maxChars)).replace(/[,;:.\s]+$/, '')}…`;
}

// Mail clients cannot run KaTeX: titles and abstracts arrive as readable text (L\'evy → Lévy, \emph{…} → its words),
// with formulas kept as their TeX source, as in feeds and the page <title>.
const titleOf = (paper: StoredPaper) => texToPlainText(paper.title);
const excerptOf = (paper: StoredPaper) => oneLineExcerpt(texToPlainText(paper.abstract));

function authorLine(paper: StoredPaper): string {
  const names = paper.authors.slice(0, 4).map((a) => a.name);
  return paper.authors.length > 4 ? `${names.join(', ')} et al.` : names.join(', ');
}

export function digestSubject(input: Pick<RenderDigestInput, 'siteName' | 'period' | 'top'>): string {
  if (input.top.length === 0) return `New papers for you · ${input.period.label} · ${input.siteName}`;
  const what = input.period.kind === 'daily' ? 'Top papers of' : 'Top papers of the week:';
  return `${what} ${input.period.label} · ${input.siteName}`;
}

function paperHtml(p: DigestPaper): SafeHtml {
  const code = p.paper.codeUrl;
  return html`<tr><td class="dp-card" style="background:#ffffff;border:1px solid #e1e4e8;border-radius:6px;padding:14px 16px">
<a class="dp-link" href="${safeUrl(p.href)}" style="color:#0b5cad;font-size:16px;font-weight:600;line-height:1.35;text-decoration:none">${titleOf(p.paper)}</a>
<div class="dp-muted" style="color:#57606a;font-size:13px;line-height:1.4;padding-top:4px">${authorLine(p.paper)}</div>
<div class="dp-text" style="color:#1d2125;font-size:14px;line-height:1.5;padding-top:6px">${excerptOf(p.paper)}</div>
<div class="dp-muted" style="color:#57606a;font-size:13px;padding-top:8px">${p.upvotes !== null ? html`▲ ${p.upvotes} · ` : ''}${
    code ? html`<a class="dp-link" href="${safeUrl(code)}" style="color:#0b5cad">code</a> · ` : ''
  }arXiv ${p.paper.arxivId}${
    p.notInterestedHref
      ? html` · <a class="dp-link" href="${safeUrl(p.notInterestedHref)}" style="color:#0b5cad">Not interested</a>`
      : ''
  }</div>
${whyLine(p.why) ? html`<div class="dp-muted" style="color:#57606a;font-size:12px;font-style:italic;padding-top:4px">${whyLine(p.why)}</div>` : ''}
</td></tr><tr><td style="height:10px;font-size:0;line-height:0">&nbsp;</td></tr>`;
}

function sectionHtml(title: string, papers: DigestPaper[]): SafeHtml {
  if (papers.length === 0) return html``;
  return html`<tr><td class="dp-text" style="color:#1d2125;font-size:18px;font-weight:700;padding:18px 0 10px">${title}</td></tr>
${papers.map(paperHtml)}`;
}

function renderHtml(input: RenderDigestInput, subject: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${subject}</title><style>${DARK_CSS}</style></head>
<body class="dp-bg" style="margin:0;padding:0;background:#f4f5f7;font-family:${FONT}">
<table role="presentation" class="dp-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%">
<tr><td class="dp-text" style="color:#1d2125;font-size:22px;font-weight:700;padding-bottom:2px"><a class="dp-link" href="${safeUrl(input.siteUrl)}" style="color:#1d2125;text-decoration:none">${input.siteName}</a></td></tr>
<tr><td class="dp-muted" style="color:#57606a;font-size:14px;padding-bottom:6px">${input.period.label}</td></tr>
${sectionHtml(input.period.kind === 'daily' ? 'Top papers of the day' : 'Top papers of the week', input.top)}
${input.searches.map((s) => sectionHtml(`New for your search “${s.query}”`, s.papers))}
${sectionHtml('From what you follow', input.following ?? [])}
${sectionHtml('Recommended for you', input.forYou)}
<tr><td class="dp-muted" style="color:#57606a;font-size:12px;line-height:1.6;padding-top:18px;border-top:1px solid #e1e4e8">
You receive this digest because you subscribed on ${input.siteName}.<br>
<a class="dp-link" href="${safeUrl(input.manageUrl)}" style="color:#0b5cad">Change what you receive</a> · <a class="dp-link" href="${safeUrl(input.unsubscribeUrl)}" style="color:#0b5cad">Unsubscribe</a>
</td></tr>
</table></td></tr></table></body></html>`.toString();
}

function paperText(p: DigestPaper, n: number): string {
  const meta = [
    p.upvotes !== null ? `▲ ${p.upvotes}` : null,
    `arXiv ${p.paper.arxivId}`,
    p.paper.codeUrl ? `code: ${p.paper.codeUrl}` : null,
  ];
  return [
    `${n}. ${titleOf(p.paper)}`,
    `   ${authorLine(p.paper)}`,
    `   ${excerptOf(p.paper)}`,
    `   ${meta.filter(Boolean).join(' · ')}`,
    whyLine(p.why) ? `   ${whyLine(p.why)}` : null,
    `   ${p.href}`,
    p.notInterestedHref ? `   Not interested: ${p.notInterestedHref}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function renderText(input: RenderDigestInput): string {
  const sections: string[] = [`${input.siteName} · ${input.period.label}`];
  const add = (title: string, papers: DigestPaper[]) => {
    if (papers.length > 0)
      sections.push(
        `${title}\n${'='.repeat(title.length)}\n\n${papers.map((p, i) => paperText(p, i + 1)).join('\n\n')}`,
      );
  };
  add(input.period.kind === 'daily' ? 'Top papers of the day' : 'Top papers of the week', input.top);
  for (const s of input.searches) add(`New for your search "${s.query}"`, s.papers);
  add('From what you follow', input.following ?? []);
  add('Recommended for you', input.forYou);
  sections.push(
    `-- \nYou receive this digest because you subscribed on ${input.siteName}.\nChange what you receive: ${input.manageUrl}\nUnsubscribe: ${input.unsubscribeUrl}`,
  );
  return `${sections.join('\n\n')}\n`;
}

export function renderDigest(input: RenderDigestInput): RenderedDigest {
  const subject = digestSubject(input);
  return { subject, html: renderHtml(input, subject), text: renderText(input) };
}
