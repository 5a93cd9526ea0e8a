// The normalised paper record. Every ingest source (snapshot JSONL, OAI-PMH, arXiv API, RSS listing)
// produces this shape, and the store has one upsert path for it.

export interface Author {
  /** Display name, "Given Family" order. */
  name: string;
  affiliation?: string | null;
}

export interface PaperVersion {
  /** 1-based version number (v1 → 1). */
  version: number;
  /** ISO-8601 UTC timestamp of the version's submission. */
  date: string;
  /** Source size as arXiv reports it ("123kb"), when known. */
  size?: string | null;
}

export type LinkKind = 'github' | 'gitlab' | 'bitbucket' | 'huggingface' | 'project';

export interface PaperLink {
  kind: LinkKind;
  url: string;
}

export interface Paper {
  /** Bare arXiv id without version: "2401.01234" or "hep-th/9901001". */
  arxivId: string;
  /** Latest known version number. */
  version: number;
  title: string;
  abstract: string;
  authors: Author[];
  primaryCategory: string;
  /** All categories, primary first. */
  categories: string[];
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  /** v1 submission date (ISO-8601 UTC). */
  publishedAt: string;
  /** Latest version's submission date (ISO-8601 UTC). */
  updatedAt: string;
  versions: PaperVersion[];
  withdrawn: boolean;
  /** Code and project links found in the abstract and comments, in order of appearance. */
  links: PaperLink[];
}

const CODE_KINDS: ReadonlySet<LinkKind> = new Set(['github', 'gitlab', 'bitbucket', 'huggingface']);

/** The first code repository link, the one a card's "code" badge points to. */
export function codeUrlOf(paper: Pick<Paper, 'links'>): string | null {
  return paper.links.find((l) => CODE_KINDS.has(l.kind))?.url ?? null;
}

export function projectUrlOf(paper: Pick<Paper, 'links'>): string | null {
  return paper.links.find((l) => l.kind === 'project')?.url ?? null;
}

/** arXiv's DOI field sometimes holds several DOIs separated by spaces or commas; every source keeps the first. */
export function firstDoi(text: string | null | undefined): string | null {
  return text?.split(/[\s,;]+/).find((d) => d.length > 0) ?? null;
}
