// @citation-js/core 0.7 ships no types; the tests use only this much of it (CSL in, BibTeX out).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: unknown[];
    format(format: 'bibtex' | 'data'): string;
  }
}
declare module '@citation-js/plugin-bibtex';
