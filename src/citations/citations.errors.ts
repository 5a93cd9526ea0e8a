// Errors of citation import and export. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const citationsMalformed = createErrorFactory({
  code: 'citations.malformed',
  status: 400,
  message: 'That is not readable BibTeX or RIS; nothing was imported.',
});

export const citationsTooLarge = createErrorFactory({
  code: 'citations.too_large',
  status: 413,
  message: 'That bibliography is too large to import.',
});

export const citationsEmpty = createErrorFactory({
  code: 'citations.empty',
  status: 400,
  message: 'Paste or upload a BibTeX or RIS file to import.',
});
