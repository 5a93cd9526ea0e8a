// Author pages and author feeds: every paper filed under one author key (core/author-key.ts), newest first, with
// the people who wrote with them most. One query function for the page and the feed; only the renderers differ.
import { authorKey } from '../core/author-key.js';
import type { Store } from '../store/store.js';
import { authorNotFound } from './papers.errors.js';

const CO_AUTHORS = 12;

/** Where a requested author path should live: the folded key, which is also the canonical slug. */
export function canonicalAuthorSlug(requested: string): string {
  return authorKey(requested);
}

export async function getAuthorPapers(opts: { store: Store; slug: string; page: number; pageSize: number }) {
  const { store, pageSize } = opts;
  const key = authorKey(opts.slug);
  const [{ items, total }, { spellings, coAuthors }] = await Promise.all([
    store.authors.papers({ key, limit: pageSize, offset: (opts.page - 1) * pageSize }),
    store.authors.circle({ key, coAuthors: CO_AUTHORS }),
  ]);
  if (total === 0) {
    throw authorNotFound({ message: `No paper here has an author named "${opts.slug.slice(0, 100)}".` });
  }
  return {
    key,
    /** The spelling on the newest paper. */
    name: spellings[0] ?? opts.slug,
    /** Other spellings filed under the same key ("PAUL LEVY", "Paul Lévy"). */
    otherSpellings: spellings.slice(1),
    items,
    total,
    page: opts.page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    coAuthors,
  };
}

export type AuthorPapers = Awaited<ReturnType<typeof getAuthorPapers>>;
