// Rate limits (@fastify/rate-limit) on account mails, submissions, votes and comments, per user and per
// IP, and on every API request, per token or per IP. Each limiter is a preHandler; exceeding any of its limits
// answers 429 with Retry-After (a friendly page for browsers, the JSON error for the API). Counters live in
// process memory on SQLite (one process) and in the database on PostgreSQL, where several app processes share
// them (community/shared-rate-limits.ts); keys name their limiter, so one table serves all. Sign-in has its own
// backoff per account and per IP, kept in the database on both dialects (community/login-throttle.usecases.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import './request-context.js';
import { RateLimitedError } from '../../community/community.errors.js';
import type { LoginThrottle } from '../../community/login-throttle.usecases.js';
import type { Config } from '../../config/config.js';

export type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Limiters {
  /** Sign-in backoff per account and per IP (not a preHandler: it needs the account behind the identifier). */
  loginThrottle: LoginThrottle;
  accountMail: Limiter;
  submission: Limiter;
  vote: Limiter;
  comment: Limiter;
  /** Every /api/ request: per API token when it carries one, else per IP; sets the RateLimit-* headers. */
  api: Limiter;
}

type KeyOf = (request: FastifyRequest) => string | null;

const MINUTE = 60_000;
const byIp: KeyOf = (r) => `ip:${r.ip}`;
const byUser: KeyOf = (r) => (r.viewer ? `user:${r.viewer.id}` : null);

function limiter(
  app: FastifyInstance,
  name: string,
  rules: Array<{ key: KeyOf; max: number; windowMs: number }>,
): Limiter {
  const checks = rules.map((rule) => ({
    rule,
    check: app.createRateLimit({
      max: rule.max,
      timeWindow: rule.windowMs,
      keyGenerator: (r) => `${name}/${rule.key(r) ?? ''}`,
    }),
  }));
  return async (request, reply) => {
    for (const { rule, check } of checks) {
      if (rule.key(request) === null) continue;
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new RateLimitedError(result.ttlInSeconds);
      }
    }
  };
}

export function createLimiters(app: FastifyInstance, config: Config, loginThrottle: LoginThrottle): Limiters {
  const r = config.rateLimit;
  if (!r.enabled) {
    const none: Limiter = async () => {};
    return { loginThrottle, accountMail: none, submission: none, vote: none, comment: none, api: none };
  }
  return {
    loginThrottle,
    accountMail: limiter(app, 'accountMail', [{ key: byIp, max: r.accountMailsPerIp, windowMs: 60 * MINUTE }]),
    submission: limiter(app, 'submission', [
      { key: byUser, max: r.submissionsPerHour, windowMs: 60 * MINUTE },
      { key: byIp, max: 2 * r.submissionsPerHour, windowMs: 60 * MINUTE },
    ]),
    vote: limiter(app, 'vote', [
      { key: byUser, max: r.votesPerMinute, windowMs: MINUTE },
      { key: byIp, max: 2 * r.votesPerMinute, windowMs: MINUTE },
    ]),
    comment: limiter(app, 'comment', [
      { key: byUser, max: r.commentsPerMinute, windowMs: MINUTE },
      { key: byIp, max: 2 * r.commentsPerMinute, windowMs: MINUTE },
    ]),
    api: apiLimiter(app, config.api),
  };
}

/**
 * The API's general limit. A token's requests count against the token wherever they come from (a program may
 * move between machines); all others against their IP address. Every answer says where the caller stands, in
 * the draft IETF RateLimit-* headers (as @fastify/rate-limit's `enableDraftSpec` names them).
 */
function apiLimiter(app: FastifyInstance, a: Config['api']): Limiter {
  const perToken = app.createRateLimit({
    max: a.requestsPerMinutePerToken,
    timeWindow: MINUTE,
    keyGenerator: (r) => (r.auth?.method === 'token' ? `api/token:${r.auth.tokenId}` : ''),
  });
  const perIp = app.createRateLimit({
    max: a.requestsPerMinutePerIp,
    timeWindow: MINUTE,
    keyGenerator: (r) => `api/ip:${r.ip}`,
  });
  return async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const result = await (request.auth?.method === 'token' ? perToken : perIp)(request);
    if (result.isAllowed) return;
    reply.header('ratelimit-limit', String(result.max));
    reply.header('ratelimit-remaining', String(result.remaining));
    reply.header('ratelimit-reset', String(result.ttlInSeconds));
    if (result.isExceeded) {
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new RateLimitedError(result.ttlInSeconds);
    }
  };
}
