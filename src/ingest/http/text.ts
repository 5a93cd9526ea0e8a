// Text clean-up shared by every arXiv source, so a paper reads the same whichever door it came in by.

/** Collapses runs of whitespace (arXiv hard-wraps titles and comments at ~80 columns with "\n  "). */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Optional field: empty or whitespace-only becomes null. */
export function cleanOptional(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const clean = collapseSpace(text);
  return clean.length > 0 ? clean : null;
}

/**
 * Abstracts come hard-wrapped at ~80 columns (OAI) or on one line (API since 2026). They are collapsed to
 * one line, as the snapshot importer does, so every source yields the same text and a re-harvest of an
 * imported paper does not count as a change.
 */
export function cleanAbstract(text: string): string {
  return collapseSpace(text);
}

/** RFC 1123 or ISO date → "2007-04-03T22:04:11.000Z" (the snapshot importer's form); null if unreadable. */
export function toIsoTimestamp(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  // A bare day ("2014-12-29", the arXiv OAI format) is a UTC date; Date.parse agrees, but say so.
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString();
}

/** arXiv marks withdrawals in the comments ("This paper has been withdrawn by the author", "Withdrawn"). */
export function commentsSayWithdrawn(comments: string | null): boolean {
  if (!comments) return false;
  return /(?:^|[.;:]\s*)withdrawn\b|\b(?:has|have) been withdrawn\b|\bwithdrawn (?:by|due|because|after)\b/i.test(
    comments,
  );
}
