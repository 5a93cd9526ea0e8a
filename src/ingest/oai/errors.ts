// OAI-PMH protocol errors (the repository said no) and parse errors (we could not read what it said). Both are
// arXiv failing us (502 as AppErrors). A protocol error keeps the repository's own code (`badResumptionToken`…),
// which no table of ours can declare in advance; the parse error's code is declared once.
import { AppError, createErrorFactory } from '../../core/errors.js';

export const OAI_ERROR_CODES = [
  'badArgument',
  'badResumptionToken',
  'badVerb',
  'cannotDisseminateFormat',
  'idDoesNotExist',
  'noRecordsMatch',
  'noMetadataFormats',
  'noSetHierarchy',
] as const;

export type OaiErrorCode = (typeof OAI_ERROR_CODES)[number];

const parseError = createErrorFactory({
  code: 'oai.parse_error',
  status: 502,
  message: 'The OAI-PMH response could not be read.',
});

export class OaiError extends AppError {
  /** One of OAI_ERROR_CODES, or whatever a non-conforming repository sent. */
  declare readonly code: OaiErrorCode | (string & {});
  /** The repository's own explanation. */
  readonly detail: string;
  readonly url: string | null;

  constructor(opts: { code: string; detail: string; url?: string }) {
    super(opts.code, 502, `OAI-PMH error ${opts.code}${opts.url ? ` for ${opts.url}` : ''}: ${opts.detail}`);
    this.detail = opts.detail;
    this.url = opts.url ?? null;
  }
}

export class OaiParseError extends AppError {
  readonly reason: string;
  readonly url: string | null;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(
      parseError.code,
      parseError.status,
      `unreadable OAI-PMH response${opts.url ? ` from ${opts.url}` : ''}: ${reason}`,
    );
    this.reason = reason;
    this.url = opts.url ?? null;
  }
}
