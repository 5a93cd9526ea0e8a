// Collections' plain types: named lists of papers, public or private (see collections.usecases.ts).
import type { Listing, StoredPaper } from '../papers/papers.models.js';

export interface StoredCollection {
  id: number;
  userId: number;
  owner: string;
  name: string;
  description: string;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  itemCount: number;
}

export interface CollectionItem {
  paper: StoredPaper;
  addedAt: string;
  /** The paper's visible listing, when it has one. */
  listing: Listing | null;
}
