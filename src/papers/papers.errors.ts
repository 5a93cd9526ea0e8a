// Errors of papers, listings and author pages. Each code is declared once (core/errors.ts); a raise may give a
// more precise message (naming the id), never another code or status.
import { createErrorFactory } from '../core/errors.js';

export const paperIdInvalid = createErrorFactory({
  code: 'papers.invalid_id',
  status: 400,
  message: 'That is not an arXiv id (e.g. 2401.01234 or hep-th/9901001)',
});

export const paperNotFound = createErrorFactory({
  code: 'papers.not_found',
  status: 404,
  message: 'That paper is not in this library',
});

/** Indexing (HF's POST /api/papers/index) asked arXiv, which has no such paper. */
export const paperNotOnArxiv = createErrorFactory({
  code: 'papers.not_on_arxiv',
  status: 404,
  message: 'arXiv has no such paper; check the id.',
});

export const periodInvalid = createErrorFactory({
  code: 'papers.invalid_period',
  status: 400,
  message: 'Give only one of date, week or month',
});

export const listingNotFound = createErrorFactory({
  code: 'listings.not_found',
  status: 404,
  message: 'That paper is not listed.',
});

export const authorNotFound = createErrorFactory({
  code: 'authors.not_found',
  status: 404,
  message: 'No paper here has an author by that name.',
});

/** The refusal of text that is not an arXiv id, quoting (the start of) what was given. */
export function invalidPaperId(text: string, { orUrl = false }: { orUrl?: boolean } = {}) {
  return paperIdInvalid({
    message: orUrl
      ? `"${text.trim().slice(0, 100)}" is not an arXiv id or URL (e.g. 2401.01234 or hep-th/9901001).`
      : `"${text.slice(0, 100)}" is not an arXiv id (e.g. 2401.01234 or hep-th/9901001)`,
  });
}

/** arXiv answered, without the paper: the same words whichever code the caller uses. */
export function notOnArxivMessage(arxivId: string): string {
  return `arXiv has no paper ${arxivId}; check the id.`;
}
