// Every paper of the library, newest arXiv date first, a page at a time with an opaque cursor (the HF-shaped
// GET /api/papers). A cursor names the last paper of the page, so pages neither repeat nor skip a paper when new
// ones arrive while a client walks them (an offset would shift under it).
import type { Store } from '../store/store.js';
import { papersCursorInvalid } from './papers.errors.js';
import type { StoredPaper } from './papers.models.js';

function encodeCursor(paper: Pick<StoredPaper, 'publishedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([paper.publishedAt, paper.id])).toString('base64url');
}

function decodeCursor(cursor: string): { publishedAt: string; id: number } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      Number.isSafeInteger(value[1])
    ) {
      return { publishedAt: value[0], id: value[1] as number };
    }
  } catch {
    // Falls through to the refusal.
  }
  throw papersCursorInvalid();
}

export async function browsePapers(
  store: Pick<Store, 'papersBrowse'>,
  { cursor, limit }: { cursor?: string; limit: number },
): Promise<{ papers: StoredPaper[]; nextCursor: string | null }> {
  const after = cursor ? decodeCursor(cursor) : null;
  const page = await store.papersBrowse.newestFirst({ after, limit: limit + 1 });
  const papers = page.slice(0, limit);
  return { papers, nextCursor: page.length > limit ? encodeCursor(papers.at(-1)!) : null };
}
