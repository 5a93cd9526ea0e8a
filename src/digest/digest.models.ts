// The digest's entities, below every layer that handles them: the store returns them, the use cases pass them on,
// the web renders them. Plain types only; this file imports nothing.

export type DigestPeriodKind = 'daily' | 'weekly';
export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

/** What a subscriber chose: how often, how much, which categories, and when the mail should arrive. */
export interface DigestPreferences {
  period: DigestPeriodKind;
  maxPapers: number;
  includeCategories: string[];
  excludeCategories: string[];
  followAuthors: string[];
  forYou: boolean;
  sendHour: number;
  timezone: string;
}

export interface Subscription extends DigestPreferences {
  id: number;
  email: string;
  userId: number | null;
  status: SubscriptionStatus;
  confirmSentAt: string | null;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** A search a subscriber asked to be alerted about: the text typed plus the search page's structured filters. */
export interface SavedSearch {
  id: number;
  subscriptionId: number;
  query: string;
  /** arXiv category filter, or '' for none. */
  category: string;
  hasCode: boolean;
  createdAt: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** What a digest holds, chosen when it is built (paper ids per section); rendered when it is sent. */
export interface DigestContent {
  top: number[];
  searches: Array<{ savedSearchId: number; query: string; paperIds: number[] }>;
  forYou: number[];
}

/** A digest the builder chose for one subscriber and period, ready to be written to the outbox. */
export interface BuiltDigest {
  subscriptionId: number;
  periodKey: string;
  content: DigestContent;
  /** 'skipped' records that there was nothing new to send, so the period is not built again. */
  status: 'pending' | 'skipped';
  note?: string;
}

export interface OutboxRow {
  id: number;
  subscriptionId: number;
  periodKey: string;
  status: OutboxStatus;
  content: DigestContent;
  attempts: number;
  nextAttemptAt: string;
  claimedAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Something a user did that says "more like this": an upvote, a paper saved to a collection, a click in a digest. */
export interface Interaction {
  paperId: number;
  at: string;
  kind: 'upvote' | 'collection' | 'click';
}

/** A user's stored linear model (see digest/recommend/linear-model.ts for the weight encoding). */
export interface StoredRecModel {
  userId: number;
  weights: string;
  bias: number;
  positives: number;
  /** The newest interaction the model was trained with. */
  trainedThrough: string;
  trainedAt: string;
}
