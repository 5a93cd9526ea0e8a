// A click on a paper in a digest: the signed link is checked, the first click per paper is recorded as a signal for
// recommendations (so a repeated GET changes nothing more), and the caller is told which paper to show.
import type { StoredPaper } from '../papers/papers.models.js';
import type { Store } from '../store/store.js';
import { verifyClickMac } from './digest-links.js';

/** The clicked paper, or null for a link that is forged, malformed or names a paper that is gone. */
export async function openDigestLink(opts: {
  store: Store;
  secret: string;
  outboxId: number;
  paperId: number;
  mac: string;
  now?: Date;
}): Promise<StoredPaper | null> {
  const { store, outboxId, paperId } = opts;
  const valid =
    Number.isSafeInteger(outboxId) &&
    Number.isSafeInteger(paperId) &&
    verifyClickMac({ secret: opts.secret, outboxId, paperId, mac: opts.mac });
  const paper = valid ? (await store.papers.findByIds([paperId]))[0] : undefined;
  if (!paper) return null;
  await store.digestOutbox.recordClick({ outboxId, paperId, at: (opts.now ?? new Date()).toISOString() });
  return paper;
}
