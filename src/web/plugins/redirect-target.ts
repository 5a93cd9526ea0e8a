// The one place where a target supplied by the visitor (`next` on sign-in, `back` on forms, the Referer) becomes
// a redirect. Two things must hold for any input: the target stays on this site, and the Location header is valid.
//  - Only paths: "/…" but never "//host" or "/\host" (browsers read both as another host), also not after the
//    URL parser's own clean-up — "/.//evil.example" resolves to the path "//evil.example".
//  - Percent-encoded: the WHATWG URL parser encodes everything outside ASCII, so "/∕∕evil.example" becomes
//    "/%E2%88%95%E2%88%95evil.example" (a path on this site, not a protocol-relative URL) and "/é" becomes "/%C3%A9".
//    A raw non-Latin-1 character in a header makes Node throw ERR_INVALID_CHAR, and a raw Latin-1 byte is read
//    differently by each client.
const BASE = 'http://redirect-target.invalid';
const MAX_LENGTH = 2000;
const STARTS_WITH_HOST = /^\/[/\\]/;

/** The same-site path to redirect to, percent-encoded; null when `value` is not a same-site path. */
export function localRedirectTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !value.startsWith('/')) return null;
  // Control characters (a newline, a tab) have no place in a path; the URL parser would silently drop some.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (STARTS_WITH_HOST.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const target = `${url.pathname}${url.search}${url.hash}`;
  return STARTS_WITH_HOST.test(target) || target.length > MAX_LENGTH ? null : target;
}
