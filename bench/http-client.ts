// A browser-like client for the benchmarks: a cookie jar and the CSRF token of its session (forms post it back).
export class BenchClient {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + pathname, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token.replace(/&amp;/g, '&');
    return { status: res.status, text };
  }

  /** The Cookie header this client sends (its session), e.g. for wrk. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async signIn(username: string, password: string) {
    await this.request('/login');
    const res = await this.request('/login', {
      method: 'POST',
      form: { identifier: username, password, _csrf: this.csrf },
    });
    if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in of ${username} answered ${res.status}`);
    await this.request('/'); // a token bound to the new session
  }
}
