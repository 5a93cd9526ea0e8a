// Refusals of a feed's parameters, each code declared once (core/errors.ts).
import { createErrorFactory } from '../../core/errors.js';

export const feedCategoryInvalid = createErrorFactory({
  code: 'feeds.invalid_category',
  status: 400,
  message: 'That is not an arXiv category (e.g. cs.CL or hep-th)',
});

export const feedSearchEmpty = createErrorFactory({
  code: 'feeds.empty_search',
  status: 400,
  message: 'A search feed needs words (q=…) or a filter (category, year, has_code).',
});
