// Small formatting helpers shared by the views. Dates are formatted by hand in UTC so that pages render the
// same on every server whatever its locale or TZ.
import type { Author } from '../../core/paper.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2007-04-02T19:18:42Z" or "2007-04-02" → "2 Apr 2007"; unparseable input is returned unchanged. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Machine-readable value for `<time datetime>`; unparseable input becomes ''. */
export function isoDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function plural({ count, one, many }: { count: number; one: string; many: string }): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** The first `shown` authors, and how many there are in all, for "A, B, C et al. (12 authors)". */
export function authorSummary({ authors, shown = 3 }: { authors: readonly Author[]; shown?: number }) {
  return {
    names: authors.slice(0, shown).map((a) => a.name),
    total: authors.length,
    truncated: authors.length > shown,
  };
}

/** Readable name for arXiv's license URLs ("http://creativecommons.org/licenses/by/4.0/" → "CC BY 4.0"). */
export function licenseLabel(url: string): string {
  const cc = /creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)/i.exec(url);
  if (cc) return cc[1] === 'publicdomain' ? `CC0 ${cc[3]}` : `CC ${cc[2]!.toUpperCase()} ${cc[3]}`;
  if (/arxiv\.org\/licenses\/nonexclusive-distrib/i.test(url)) return 'arXiv non-exclusive license';
  return url;
}
