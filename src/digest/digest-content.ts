// What goes into one subscriber's digest: the period's top papers in their categories, then new matches of each
// saved search, then personal recommendations. A paper appears once per digest and is never sent to the same
// subscriber twice (`sent` holds what earlier digests contained).
import type { DigestContent, DigestPreferences } from './digest.models.js';

export const MAX_PER_SEARCH = 5;
export const MAX_FOR_YOU = 5;

export interface TopCandidate {
  paperId: number;
  categories: readonly string[];
}

export interface SearchMatches {
  savedSearchId: number;
  query: string;
  /** Matching paper ids, best first. */
  paperIds: readonly number[];
}

export function inCategories(
  prefs: Pick<DigestPreferences, 'includeCategories' | 'excludeCategories'>,
  categories: readonly string[],
): boolean {
  const has = (list: readonly string[]) =>
    list.some((c) => categories.some((pc) => pc.toLowerCase() === c.toLowerCase()));
  if (prefs.includeCategories.length > 0 && !has(prefs.includeCategories)) return false;
  return !has(prefs.excludeCategories);
}

export function chooseDigestContent(opts: {
  preferences: Pick<DigestPreferences, 'maxPapers' | 'includeCategories' | 'excludeCategories'>;
  /** The period's listed papers, best first. */
  top: readonly TopCandidate[];
  sent: ReadonlySet<number>;
  searches: readonly SearchMatches[];
  /** Personal recommendations given what is already chosen or sent; absent for subscribers without them. */
  recommend?: (exclude: ReadonlySet<number>, limit: number) => number[];
}): { content: DigestContent; empty: boolean } {
  const used = new Set<number>(opts.sent);
  const top: number[] = [];
  for (const c of opts.top) {
    if (top.length >= opts.preferences.maxPapers) break;
    if (used.has(c.paperId) || !inCategories(opts.preferences, c.categories)) continue;
    top.push(c.paperId);
    used.add(c.paperId);
  }
  const searches = opts.searches.map((s) => {
    const paperIds: number[] = [];
    for (const id of s.paperIds) {
      if (paperIds.length >= MAX_PER_SEARCH) break;
      if (used.has(id)) continue;
      paperIds.push(id);
      used.add(id);
    }
    return { savedSearchId: s.savedSearchId, query: s.query, paperIds };
  });
  const forYou = opts.recommend ? opts.recommend(used, MAX_FOR_YOU).filter((id) => !used.has(id)) : [];
  const content: DigestContent = { top, searches: searches.filter((s) => s.paperIds.length > 0), forYou };
  return { content, empty: top.length === 0 && content.searches.length === 0 && forYou.length === 0 };
}
