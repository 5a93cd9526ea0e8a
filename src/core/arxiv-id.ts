// arXiv identifiers come in two schemes: new style "YYMM.NNNN(N)" (since April 2007; five digits since
// 2015) and old style "archive(.SUBJ)/YYMMNNN". Readers paste them in many forms, so parsing accepts
// URLs (abs, pdf, html), the "arXiv:" prefix and version suffixes, and always yields the bare id.

export interface ArxivRef {
  /** Bare id without version. */
  id: string;
  /** Version number when the input named one. */
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;
const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\//i;

/** Parses any accepted form of an arXiv reference; returns null when the text is not one. */
export function parseArxivRef(input: string): ArxivRef | null {
  let text = input.trim();
  if (text.length === 0 || text.length > 200) return null;
  text = text.replace(URL_PREFIX, '');
  text = text.replace(/^arxiv:/i, '');
  text = text.replace(/[?#].*$/, '').replace(/\/+$/, '');
  text = text.replace(/\.pdf$/i, '');
  const match = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  if (!match) return null;
  if (NEW_STYLE.test(text) && !validNewStyleMonth(match[1]!)) return null;
  return { id: match[1]!, version: match[2] ? Number(match[2]) : null };
}

function validNewStyleMonth(id: string): boolean {
  const month = Number(id.slice(2, 4));
  return month >= 1 && month <= 12;
}

/** The bare id, or null for anything that is not an arXiv reference. */
export function normaliseArxivId(input: string): string | null {
  return parseArxivRef(input)?.id ?? null;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

export function arxivHtmlUrl(id: string): string {
  return `https://arxiv.org/html/${id}`;
}
