// Typed errors with stable codes; the web layer maps them to responses in one place. Each code is declared once
// (core/errors.ts) with its status: a document the index refuses is our bug (500); an evaluation dataset or mode
// the operator asked for that cannot be used is their input (400); an unusable bundled reranker model is ours.
import { AppError, createErrorFactory, type ErrorFactory } from '../core/errors.js';

const DECLARED = [
  ['search.invalid_document', 500, 'A search document is invalid.'],
  ['search.eval_dataset', 400, 'The evaluation dataset cannot be read.'],
  ['search.eval_no_model', 500, 'The reranker model is unusable.'],
  ['search.eval_no_provider', 400, 'This search mode needs an embedding provider.'],
] as const;

export type SearchErrorCode = (typeof DECLARED)[number][0];

const SEARCH_ERRORS: Record<string, ErrorFactory> = Object.fromEntries(
  DECLARED.map(([code, status, message]) => [code, createErrorFactory({ code, status, message })]),
);

export class SearchIndexError extends AppError {
  declare readonly code: SearchErrorCode;

  constructor({ code, message }: { code: SearchErrorCode; message: string }) {
    super(code, SEARCH_ERRORS[code]!.status, message);
  }
}
