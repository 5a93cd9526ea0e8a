// The `thumbnail` of HF-shaped items points here: a social card drawn as SVG from the paper's metadata, so
// the URL always answers with an image and nothing has to be rendered or stored ahead of time.
import type { Paper } from '../../../core/paper.js';
import { html, type SafeHtml } from '../../../render/html.js';

const WIDTH = 1200;
const HEIGHT = 648;
const TITLE_CHARS_PER_LINE = 34;
const TITLE_MAX_LINES = 5;

/** Greedy word wrap; the last kept line ends with "…" when the text does not fit. */
export function wrapWords({ text, width, maxLines }: { text: string; width: number; maxLines: number }): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) {
      line = candidate.length > width ? `${candidate.slice(0, width - 1)}…` : candidate;
      continue;
    }
    lines.push(line);
    line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

function authorLine(paper: Pick<Paper, 'authors'>): string {
  const names = paper.authors.slice(0, 3).map((a) => a.name);
  return paper.authors.length > 3 ? `${names.join(', ')} et al.` : names.join(', ');
}

export function thumbnailSvg(paper: Pick<Paper, 'arxivId' | 'title' | 'authors' | 'primaryCategory'>): SafeHtml {
  const title = wrapWords({ text: paper.title, width: TITLE_CHARS_PER_LINE, maxLines: TITLE_MAX_LINES });
  const authors = wrapWords({ text: authorLine(paper), width: 60, maxLines: 1 });
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${paper.title}">
<rect width="${WIDTH}" height="${HEIGHT}" fill="#0f172a"/>
<rect x="0" y="0" width="16" height="${HEIGHT}" fill="#f59e0b"/>
<text x="72" y="96" fill="#94a3b8" font-family="system-ui, sans-serif" font-size="32">arXiv:${paper.arxivId}${paper.primaryCategory ? ` · ${paper.primaryCategory}` : ''}</text>
<text fill="#f8fafc" font-family="system-ui, sans-serif" font-size="56" font-weight="700">${title.map(
    (line, i) => html`<tspan x="72" y="${190 + i * 72}">${line}</tspan>`,
  )}</text>
<text x="72" y="${HEIGHT - 64}" fill="#cbd5e1" font-family="system-ui, sans-serif" font-size="30">${authors[0] ?? ''}</text>
</svg>`;
}
