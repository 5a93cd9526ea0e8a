// Errors of authorship claims. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

const invalidAuthor = createErrorFactory({
  code: 'claims.invalid_author',
  status: 400,
  message: "Choose one of the paper's authors.",
});

export const claimDuplicate = createErrorFactory({
  code: 'claims.duplicate',
  status: 409,
  message: 'You have already claimed authorship of this paper.',
});

export const claimNotFound = createErrorFactory({
  code: 'claims.not_found',
  status: 404,
  message: 'There is no such authorship claim.',
});

export const claimDecided = createErrorFactory({
  code: 'claims.decided',
  status: 409,
  message: 'This claim has already been decided.',
});

export const claimInvalidAuthor = (name: string) =>
  invalidAuthor({ message: `Choose one of the paper's authors; "${name.slice(0, 100)}" is not one of them.` });

export const claimInvalidAuthorCode = invalidAuthor.code;
