// Trending, written down so that anyone can check the order on the page.
//
//   trending score = (upvotes + 1) × 2^(−age / halfLife)
//
// where age is the time since the paper was listed here. A paper's score halves every `halfLife` hours
// (default 24) unless new upvotes keep it up; one more upvote counts the same as being listed earlier by
// halfLife × log2((u+2)/(u+1)) hours. Because the decay is exponential, the *order* of two listings never
// changes while nobody votes, so the score can be stored as
//
//   hotness = log2(upvotes + 1) + listedAtHours / halfLife
//
// (the same order as the score above, shifted by a term common to all listings), indexed, and updated in
// the same transaction as the vote — no periodic recomputation, no race between voters.

export interface TrendingParams {
  halfLifeHours: number;
}

export function hotness(upvotes: number, listedAt: string, params: TrendingParams): number {
  const listedAtHours = Date.parse(listedAt) / 3_600_000;
  return Math.log2(Math.max(0, upvotes) + 1) + listedAtHours / params.halfLifeHours;
}

/** The score as readers see it on the "About trending" page: upvotes decayed by age. */
export function trendingScore(upvotes: number, listedAt: string, now: Date, params: TrendingParams): number {
  const ageHours = Math.max(0, (now.getTime() - Date.parse(listedAt)) / 3_600_000);
  return (upvotes + 1) * 2 ** (-ageHours / params.halfLifeHours);
}
