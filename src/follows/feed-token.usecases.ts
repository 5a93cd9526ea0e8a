// The private feed of /following: a URL that works in any feed reader, with no cookie. Its token is signed
// (core/signed-tokens.ts) over the reader's id and a random generation kept in the store; rotating the generation
// gives a new URL and kills the old one, revoking deletes it. A token that does not verify names nobody, and the
// route answers 404 — the same as for a feed that never existed, so a guessed URL learns nothing.
import { randomBytes } from 'node:crypto';
import { NEVER_EXPIRES, readToken, signToken, verifyToken } from '../core/signed-tokens.js';
import type { Store } from '../store/store.js';

const PURPOSE = 'following-feed';

function tokenFor(secret: string, userId: number, generation: string): string {
  return signToken({ secret, purpose: PURPOSE, id: userId, binding: generation });
}

/** The reader's current feed token, or null when they have none (or revoked it). */
export async function followingFeedToken(opts: { store: Store; secret: string; userId: number }) {
  const generation = await opts.store.follows.feedGeneration(opts.userId);
  return generation ? tokenFor(opts.secret, opts.userId, generation) : null;
}

/** Makes a new feed token (the first, or one that replaces the old: every older URL stops working). */
export async function rotateFollowingFeedToken(opts: {
  store: Store;
  secret: string;
  userId: number;
  now?: Date;
}): Promise<string> {
  const generation = randomBytes(16).toString('base64url');
  const now = (opts.now ?? new Date()).toISOString();
  await opts.store.follows.rotateFeedGeneration({ userId: opts.userId, generation, now });
  return tokenFor(opts.secret, opts.userId, generation);
}

export async function revokeFollowingFeedToken(opts: { store: Store; userId: number }): Promise<void> {
  await opts.store.follows.revokeFeed(opts.userId);
}

/** Whose feed a token opens; null for a malformed, forged, rotated or revoked one. */
export async function readerOfFeedToken(opts: { store: Store; secret: string; token: string }): Promise<number | null> {
  const parsed = readToken(opts.token);
  if (!parsed || parsed.expires !== NEVER_EXPIRES) return null;
  const generation = await opts.store.follows.feedGeneration(parsed.id);
  if (!generation) return null;
  const ok = verifyToken({
    secret: opts.secret,
    purpose: PURPOSE,
    token: opts.token,
    binding: generation,
    now: new Date(),
    id: parsed.id,
    allowNeverExpires: true,
  });
  return ok ? parsed.id : null;
}
