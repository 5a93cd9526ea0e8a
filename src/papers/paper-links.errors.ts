// Errors of the links authors set on their papers. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const linksForbidden = createErrorFactory({
  code: 'paper_links.forbidden',
  status: 403,
  message: "Only the paper's verified authors and moderators can change its links.",
});

export const linksInvalid = createErrorFactory({
  code: 'paper_links.invalid',
  status: 400,
  message: 'Links must be https:// addresses.',
});
