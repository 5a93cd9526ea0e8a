// CSRF over the whole route table. The routes are collected from the server as it registers them (an onRoute hook
// on the real Fastify instance), so a route added tomorrow is in this test without anyone listing it. Every
// state-changing route must refuse a cookie-authenticated request with no token, a forged token and the token of
// another session with 403 csrf.invalid, before its handler runs; the only routes that may skip the check are the
// ones in EXEMPT below, each with its reason.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const collected = vi.hoisted(() => [] as Array<{ method: string; url: string; csrf: unknown; requiresUser: unknown }>);

// Observes the real factory: every instance the server builds reports its routes; nothing else changes.
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const factory = ((opts?: Parameters<typeof real.default>[0]) => {
    const app = real.default(opts);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat())
        collected.push({ method, url: route.url, csrf: route.config?.csrf, requiresUser: route.config?.requiresUser });
    });
    return app;
  }) as unknown as typeof real.default;
  return { ...real, default: factory, fastify: factory };
});

const { buildTestApp } = await import('../../../test/support/app.js');
const { openStore } = await import('../../store/store.js');
const { makeUser, TestClient } = await import('../pages/community.test-utils.js');

/** Routes that accept cross-site posts on purpose. Each must say why; the test fails if this list drifts. */
const EXEMPT: Record<string, string> = {
  // Anonymous double opt-in: a forged post can only ask for a confirmation mail, as anyone can directly.
  'POST /digest/subscribe': 'no session, confirmation by mail',
  // RFC 8058 one-click unsubscribe: mail clients post cross-site by design; the HMAC-signed token is the proof.
  'POST /digest/unsubscribe': 'signed one-click unsubscribe token',
};

/** Wildcard routes, expanded to every action they serve. */
const WILDCARDS: Record<string, string[]> = {
  '/papers/*': ['upvote', 'comments', 'claims', 'hide', 'unhide'].map((a) => `/papers/2406.01234/${a}`),
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function concreteUrls(url: string): string[] {
  if (url.includes('*')) {
    const expanded = WILDCARDS[url];
    if (!expanded) throw new Error(`wildcard route ${url}: add its expansions to WILDCARDS`);
    return expanded;
  }
  return [url.replace(/:[A-Za-z_]+(\([^)]*\))?/g, '1')];
}

describe('CSRF on every state-changing route of the route table', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let client: InstanceType<typeof TestClient>;
  let othersToken: string;

  beforeAll(async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_ENABLED: 'false' } }));
    await app.ready();
    close = async () => {
      await app.close();
      await store.close();
    };
    await makeUser(store, { username: 'admin', role: 'admin' });
    await makeUser(store, { username: 'other' });
    client = new TestClient(app);
    await client.signIn('admin');
    const other = new TestClient(app);
    await other.signIn('other');
    othersToken = await other.csrf();
  });
  afterAll(async () => close());

  const routes = () => {
    const seen = new Set<string>();
    return collected
      .filter((r) => STATE_CHANGING.has(r.method))
      .filter((r) => {
        const key = `${r.method} ${r.url}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  };

  it('finds the routes it must check, and exempts exactly the listed ones', () => {
    const all = routes().map((r) => `${r.method} ${r.url}`);
    // The ones the issue names, so that an empty collection cannot pass for a safe one.
    for (const named of ['POST /papers/*', 'POST /account/tokens', 'POST /api/v1/votes', 'DELETE /api/v1/comments/:id'])
      expect(all).toContain(named);
    expect(all.length).toBeGreaterThan(30);
    const exempt = routes()
      .filter((r) => r.csrf === false)
      .map((r) => `${r.method} ${r.url}`);
    expect(exempt.sort()).toEqual(Object.keys(EXEMPT).sort());
  });

  it("refuses a signed-in request without a token, with a forged one and with another session's", async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      if (EXEMPT[`${route.method} ${route.url}`]) continue;
      for (const url of concreteUrls(route.url)) {
        for (const [variant, token] of [
          ['no token', null],
          ['forged token', 'forged-token'],
          ["another session's token", othersToken],
        ] as const) {
          const res = await app.inject({
            method: route.method as 'POST',
            url,
            cookies: Object.fromEntries(client.cookies),
            headers: { accept: 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
            payload: {},
          });
          const code = res.statusCode === 403 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
          if (res.statusCode !== 403 || code !== 'csrf.invalid')
            failures.push(`${route.method} ${url} (${variant}): ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses anonymous posts without a token on the routes open to visitors (sign-in, sign-up, reset)', async () => {
    const failures: string[] = [];
    const open = routes().filter((r) => !r.requiresUser && !EXEMPT[`${r.method} ${r.url}`]);
    expect(open.map((r) => r.url)).toEqual(expect.arrayContaining(['/login', '/signup', '/account/reset']));
    for (const route of open) {
      for (const url of concreteUrls(route.url)) {
        const res = await app.inject({
          method: route.method as 'POST',
          url,
          headers: { accept: 'application/json' },
          payload: {},
        });
        // Anonymous API writes to members-only handlers answer 401 first; everything else must be a CSRF refusal.
        const code = (res.json() as { error?: { code?: string } }).error?.code;
        if (
          !(res.statusCode === 403 && code === 'csrf.invalid') &&
          !(res.statusCode === 401 && code === 'auth.required')
        )
          failures.push(`${route.method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
