// Where a reader's private /following feed lives (views and the feed route agree on it through this).
export const FOLLOWING_FEED_PATH = '/feeds/following';

export function followingFeedUrls(publicUrl: string, token: string): { rss: string; atom: string } {
  const base = `${publicUrl.replace(/\/+$/, '')}${FOLLOWING_FEED_PATH}/${token}`;
  return { rss: `${base}.rss`, atom: `${base}.atom` };
}
