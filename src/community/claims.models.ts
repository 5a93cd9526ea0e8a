// Authorship claims' plain types (see claims.usecases.ts).

export type ClaimStatus = 'pending' | 'approved' | 'rejected';

export interface StoredClaim {
  id: number;
  paperId: number;
  arxivId: string;
  paperTitle: string;
  userId: number;
  username: string;
  authorName: string;
  status: ClaimStatus;
  createdAt: string;
  decidedAt: string | null;
}
