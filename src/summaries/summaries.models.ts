import { abstractHash } from '../core/text-hash.js';

/** The summary to show with a paper: only one written for its current abstract. */
export function currentSummary(
  paper: { id: number; abstract: string },
  stored: ReadonlyMap<number, { abstractHash: string; summary: string | null }>,
): string | null {
  const row = stored.get(paper.id);
  return row?.summary && row.abstractHash === abstractHash(paper) ? row.summary : null;
}
