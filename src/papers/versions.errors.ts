// Errors of version history and the version diff. Each code is declared once (core/errors.ts).
import { createErrorFactory } from '../core/errors.js';

export const versionInvalid = createErrorFactory({
  code: 'versions.invalid',
  status: 400,
  message: 'Name versions as v1, v2, … (e.g. ?from=v1&to=v2).',
});

export const versionNotFound = createErrorFactory({
  code: 'versions.not_found',
  status: 404,
  message: 'This paper has no such version here.',
});

/** arXiv serves only the latest text: an older version's text is known only if this library saw it then. */
export const versionTextUnknown = createErrorFactory({
  code: 'versions.text_unknown',
  status: 404,
  message: 'This library never saw the text of that version, so it cannot compare it.',
});
