// The entities of accounts, sessions, API tokens and the sign-in backoff, as the store returns them and use cases
// and pages read them. Plain types, no behaviour and no imports: every layer may use them.

export type Role = 'user' | 'moderator' | 'admin';

export interface User {
  id: number;
  username: string;
  /** The address this account holds (unique; the one sign-in and password reset use). */
  email: string | null;
  /** An address typed at sign-up and not confirmed yet (not unique, held by nobody); see migration 0009. */
  pendingEmail: string | null;
  role: Role;
  createdAt: string;
  emailVerifiedAt: string | null;
  suspendedAt: string | null;
  suspensionReason: string | null;
  /** Whether the profile shows the papers this user upvoted. */
  upvotesPublic: boolean;
}

/** The account a sign-in form names, with what the password is checked against. */
export interface LoginCandidate {
  user: User;
  passwordHash: string | null;
}

/** An unexpired sign-in session and its user (the session's id exists only in the visitor's cookie). */
export interface ActiveSession {
  expiresAt: string;
  user: User;
}

export type ApiTokenScope = 'read' | 'write';

/** A personal API token as its owner sees it: never the token itself, which only its sha256 stands for. */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  /** The token's first characters, to tell tokens apart. */
  hint: string;
  scope: ApiTokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Failed sign-ins in a row under one key (an account, an unknown identifier or an IP address). */
export interface LoginFailures {
  failures: number;
  /** ms since the epoch; no attempt is allowed before it. */
  nextAttemptAt: number;
  /** ms since the epoch of the last counted attempt. */
  updatedAt: number;
}
