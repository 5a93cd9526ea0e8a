// Test helpers for the community routes (imported by tests only): a cookie-keeping client over app.inject()
// that behaves like a browser with or without JavaScript, and users created straight in the store.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../community/accounts.models.js';
import { hashPassword } from '../../community/passwords.js';
import type { Store } from '../../store/store.js';

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

/** A user straight in the store (verified unless told otherwise), with the password PASSWORD. */
export async function makeUser(
  store: Store,
  u: { username: string; email?: string; role?: Role; verified?: boolean },
): Promise<number> {
  passwordHash ??= hashPassword(PASSWORD);
  return store.users.create({
    username: u.username,
    email: u.email ?? `${u.username.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`,
    passwordHash: await passwordHash,
    role: u.role ?? 'user',
    emailVerifiedAt: u.verified === false ? null : '2024-01-01T00:00:00.000Z',
  });
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
    /** The client's IP address as the server sees it. */
    readonly remoteAddress = '127.0.0.1',
  ) {}

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0 || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.remoteAddress,
        cookies: Object.fromEntries(this.cookies),
        headers: { ...this.headers, ...headers },
      }),
    );
  }

  /** A form post as a browser sends it; `_csrf` is added unless given (pass `_csrf: ''` to leave it out). */
  async post(url: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const fields = { _csrf: form._csrf ?? (await this.csrf()), ...form };
    if (fields._csrf === '') delete (fields as Record<string, string>)._csrf;
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.remoteAddress,
        payload: new URLSearchParams(fields).toString(),
        cookies: Object.fromEntries(this.cookies),
        headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      }),
    );
  }

  /** A JSON API call with the session's CSRF token in the header. */
  async api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = { ...this.headers, accept: 'application/json' };
    if (method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = await this.csrf();
    return this.keep(
      await this.app.inject({
        method,
        url,
        remoteAddress: this.remoteAddress,
        payload: body === undefined ? undefined : (body as object),
        cookies: Object.fromEntries(this.cookies),
        headers,
      }),
    );
  }

  async csrf(): Promise<string> {
    const res = this.keep(
      await this.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        remoteAddress: this.remoteAddress,
        cookies: Object.fromEntries(this.cookies),
        headers: this.headers,
      }),
    );
    return (res.json() as { csrfToken: string }).csrfToken;
  }

  async signIn(identifier: string, password = PASSWORD) {
    const res = await this.post('/login', { identifier, password });
    if (res.statusCode !== 303)
      throw new Error(`sign-in of ${identifier} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  }

  /** Follows a redirect and returns the page, as a browser would after a form post. */
  async follow(res: LightMyRequestResponse) {
    const location = res.headers.location;
    if (!location) throw new Error(`not a redirect: ${res.statusCode}`);
    return this.get(String(location));
  }
}
