// The arXiv ids of the 100 papers at the top of the newest listings of a data directory's store: the paper pages
// the HTTP benches rotate through.
import path from 'node:path';
import Database from 'better-sqlite3';

export function topListedArxivIds(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'dailypapers.db'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT p.arxiv_id FROM listings l JOIN papers p ON p.id = l.paper_id WHERE l.hidden = 0 ORDER BY l.listed_on DESC, l.upvotes DESC LIMIT 100',
      )
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}
