// The private URL of a private collection's "more like this" feed: feed readers carry no cookies, so the owner's
// feed link holds a signed token naming the collection and its owner (it never expires, like any feed URL, and
// stops working if the collection changes hands or the site's secret changes).
import { signToken, verifyToken } from '../../core/signed-tokens.js';

const PURPOSE = 'collection-similar-feed';

export function similarFeedToken(opts: { secret: string; collectionId: number; ownerId: number }): string {
  return signToken({ secret: opts.secret, purpose: PURPOSE, id: opts.collectionId, binding: String(opts.ownerId) });
}

export function verifySimilarFeedToken(opts: {
  secret: string;
  token: string;
  collectionId: number;
  ownerId: number;
}): boolean {
  return verifyToken({
    secret: opts.secret,
    purpose: PURPOSE,
    token: opts.token,
    id: opts.collectionId,
    binding: String(opts.ownerId),
    now: new Date(),
    allowNeverExpires: true,
  });
}
