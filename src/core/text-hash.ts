// The hash that ties derived text (keywords, summaries) to the paper text it was computed from: readers compare it
// with the paper they show, so a changed title or abstract never shows what was derived from the old one.
import { createHash } from 'node:crypto';

export function textHash(...parts: readonly string[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(`${part}\u0001`);
  return hash.digest('base64url');
}

/** What keywords are extracted from. */
export function keywordTextHash(paper: { title: string; abstract: string }): string {
  return textHash(paper.title, paper.abstract);
}

/** What a summary summarises. */
export function abstractHash(paper: { abstract: string }): string {
  return textHash(paper.abstract);
}
