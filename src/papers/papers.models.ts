// Papers as the rest of the application sees them: plain types below the store, the use cases and the web alike.
// The store returns them (store/papers.mapping.ts maps rows to them); nothing here knows about SQL.
import type { Paper } from '../core/paper.js';

/** A paper as stored, with the store's own id and change sequence. */
export interface StoredPaper extends Paper {
  id: number;
  changeSeq: number;
  codeUrl: string | null;
  projectUrl: string | null;
}

/** A paper's place on the daily list: when it was listed, by whom, and its upvotes. */
export interface Listing {
  id: number;
  listedOn: string;
  upvotes: number;
  submittedBy: string | null;
  createdAt: string;
}

export type ListingSort = 'upvotes' | 'trending' | 'newest';

/** A listed paper, as the daily list, trending, profiles and feeds show it. */
export interface ListedPaper {
  paper: StoredPaper;
  listing: Listing;
}

/** A listing with its moderation state, whatever its visibility (for moderators and the comment gate). */
export interface ListingModeration {
  id: number;
  hidden: boolean;
  hiddenReason: string | null;
}
