// Public surface of the search module.
export { type BeirMetrics, evaluateBeir } from './eval/beir.js';
export { evaluateSimilar, type SimilarMetrics } from './eval/similar.js';
export { parseSearchQuery } from './query-parser.js';
export { SearchIndexError } from './search.errors.js';
export type * from './search.models.js';
export { type OpenSearchIndexOptions, openSearchIndex, type SearchIndex } from './search-index.js';
export { type FeedVector, type SyncProgress, type SyncResult, syncSearchIndex, syncVectors } from './sync.js';
