// Refusals of a search's input, each code declared once (core/errors.ts). The limits are in search.usecases.ts.
import { createErrorFactory } from '../core/errors.js';

export const searchQueryTooLong = createErrorFactory({
  code: 'search.query_too_long',
  status: 400,
  message: 'A search can be at most 2000 characters long',
});

export const searchExampleEmpty = createErrorFactory({
  code: 'search.empty_example',
  status: 400,
  message: 'Paste some text to search by example',
});

export const searchExampleTooLong = createErrorFactory({
  code: 'search.example_too_long',
  status: 400,
  message: 'An example can be at most 20,000 characters',
});
