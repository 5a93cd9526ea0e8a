// arXiv category names as follow keys. A reader may type "cs.lg" or "CS.LG"; arXiv writes "cs.LG", and one
// category must be one follow, so names are put in arXiv's own casing: the archive in lower case, a two-letter
// subject class in upper case (cs.LG, math.CO, astro-ph.GA, q-bio.NC) and a longer one in lower case
// (cond-mat.mes-hall, physics.optics) — the rule every category in arXiv's taxonomy follows.
const CATEGORY = /^([a-z-]{2,20})(?:\.([a-z-]{1,20}))?$/i;

/** The category in arXiv's casing, or null when the text cannot be an arXiv category. */
export function canonicalCategory(text: string): string | null {
  const m = CATEGORY.exec(text.trim());
  if (!m) return null;
  const archive = m[1]!.toLowerCase();
  if (!m[2]) return archive;
  const subject = m[2].length === 2 ? m[2].toUpperCase() : m[2].toLowerCase();
  return `${archive}.${subject}`;
}
