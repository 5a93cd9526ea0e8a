// Votes' plain types (the vote-change table is in store/votes.repository.ts, setVote).
import type { StoredPaper } from '../papers/papers.models.js';

export interface VoteResult {
  /** Whether this request changed anything (false for a repeated up or a repeated none). */
  changed: boolean;
  upvotes: number;
  upvoted: boolean;
}

export interface UpvotedPaper {
  paper: StoredPaper;
  votedAt: string;
}
