// Author pages' plain types (see papers/authors.usecases.ts and store/authors.repository.ts).
import type { Listing, StoredPaper } from './papers.models.js';

/** One paper of an author, with its listing when it is (visibly) listed. */
export interface AuthorPaper {
  paper: StoredPaper;
  listing: Listing | null;
}

export interface CoAuthor {
  key: string;
  /** The spelling on their newest shared paper. */
  name: string;
  papers: number;
}
