// Sign-in sessions: a random 32-byte id lives only in the visitor's cookie; the store keeps its sha256, an
// expiry and the user. Sessions renew while in use, and a suspension or a password reset ends them all.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { User } from './accounts.models.js';
import { type Viewer, viewerFromUser } from './viewer.models.js';

const DAY_MS = 86_400_000;

export function sessionKeyOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

export interface StartedSession {
  /** For the visitor's cookie only. */
  cookieValue: string;
  expiresAt: string;
  /** sha256 of the cookie value, as ResumedSession's (CSRF tokens are bound to it). */
  sessionKey: string;
}

export async function startSession(opts: {
  store: Store;
  userId: number;
  days: number;
  now?: Date;
}): Promise<StartedSession> {
  const now = opts.now ?? new Date();
  const cookieValue = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + opts.days * DAY_MS).toISOString();
  // Sweeping expired sessions here, where one is being created anyway, needs no scheduled job.
  await opts.store.sessions.deleteExpired(now.toISOString());
  const sessionKey = sessionKeyOf(cookieValue);
  await opts.store.sessions.create({
    idHash: sessionKey,
    userId: opts.userId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { cookieValue, expiresAt, sessionKey };
}

/** A new sign-in always gets a new session id (no fixation), and ends the session this browser had. */
export async function replaceSession(opts: {
  store: Store;
  previousCookieValue: string | undefined;
  userId: number;
  days: number;
  now?: Date;
}): Promise<StartedSession> {
  await endSession({ store: opts.store, cookieValue: opts.previousCookieValue });
  return startSession(opts);
}

export interface ResumedSession {
  viewer: Viewer;
  user: User;
  /** sha256 of the cookie value: stable per session, safe to log or bind CSRF tokens to. */
  sessionKey: string;
  /** Set when the expiry moved forward, so the cookie's lifetime must follow. */
  renewedUntil: string | null;
}

/** The session a cookie names, or null when it is malformed, unknown, expired or its user is suspended. */
export async function resumeSession(opts: {
  store: Store;
  cookieValue: string | undefined;
  days: number;
  now?: Date;
}): Promise<ResumedSession | null> {
  const { store, cookieValue } = opts;
  if (!cookieValue || !/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return null;
  const now = opts.now ?? new Date();
  const sessionKey = sessionKeyOf(cookieValue);
  const found = await store.sessions.findActive(sessionKey, now.toISOString());
  if (!found) return null;
  if (found.user.suspendedAt) {
    await store.sessions.delete(sessionKey);
    return null;
  }
  let renewedUntil: string | null = null;
  // Renewing on every request would write on every page view; renewing past half-life keeps writes rare.
  if (Date.parse(found.expiresAt) - now.getTime() < (opts.days * DAY_MS) / 2) {
    renewedUntil = new Date(now.getTime() + opts.days * DAY_MS).toISOString();
    await store.sessions.extend(sessionKey, renewedUntil);
  }
  return { viewer: viewerFromUser(found.user), user: found.user, sessionKey, renewedUntil };
}

export async function endSession(opts: { store: Store; cookieValue: string | undefined }): Promise<void> {
  if (opts.cookieValue) await opts.store.sessions.delete(sessionKeyOf(opts.cookieValue));
}

/** "Sign out everywhere": ends every session of the user, this one included. Returns how many ended. */
export function endAllSessions(opts: { store: Store; userId: number }): Promise<number> {
  return opts.store.sessions.deleteForUser(opts.userId);
}
