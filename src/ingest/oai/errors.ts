// OAI-PMH protocol errors (the repository said no) and parse errors (we could not read what it said).

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

export class OaiError extends Error {
  /** One of OAI_ERROR_CODES, or whatever a non-conforming repository sent. */
  readonly code: OaiErrorCode | (string & {});
  /** The repository's own explanation. */
  readonly detail: string;
  readonly url: string | null;

  constructor(opts: { code: string; detail: string; url?: string }) {
    super(`OAI-PMH error ${opts.code}${opts.url ? ` for ${opts.url}` : ''}: ${opts.detail}`);
    this.name = 'OaiError';
    this.code = opts.code;
    this.detail = opts.detail;
    this.url = opts.url ?? null;
  }
}

export class OaiParseError extends Error {
  readonly code = 'oai.parse_error';
  readonly reason: string;
  readonly url: string | null;

  constructor(reason: string, opts: { url?: string } = {}) {
    super(`unreadable OAI-PMH response${opts.url ? ` from ${opts.url}` : ''}: ${reason}`);
    this.name = 'OaiParseError';
    this.reason = reason;
    this.url = opts.url ?? null;
  }
}
