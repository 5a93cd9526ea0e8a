// The CSP of /docs (Swagger UI). @fastify/swagger-ui's own policy carries the hashes of its inline scripts; we
// keep those and tighten or fix the rest, so that "Try it out" works on any host the site runs on:
// - no `upgrade-insecure-requests`: on a plain-http site reached by IP or host name it turned every request of
//   "Try it out" into https:// and made it fail (the main policy drops it for the same reason);
// - `connect-src` names the public URL too, for a page opened under another name than server.publicUrl (public
//   API reads answer CORS `*`; writes stay same-origin);
// - style and font sources are the site's own, not any https: origin; Swagger UI positions things with style
//   attributes, allowed as on the other pages (`style-src-attr`), and its React tree renders one fixed <style>
//   element, allowed by its hash only (test/browser/docs.browser.test.ts fails on any CSP report, so an upgrade of
//   @fastify/swagger-ui that changes it is noticed);
// - like every other page, /docs may not be framed.

const SWAGGER_UI_STYLE_ELEMENT = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

export function docsCsp(swaggerPolicy: string, publicUrl: string): string {
  const directives = new Map<string, string[]>();
  for (const part of swaggerPolicy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  directives.delete('upgrade-insecure-requests');
  const withoutHttps = (name: string) => (directives.get(name) ?? ["'self'"]).filter((v) => v !== 'https:');
  directives.set('style-src', withoutHttps('style-src'));
  directives.set('font-src', withoutHttps('font-src'));
  directives.set('style-src-elem', [...withoutHttps('style-src'), SWAGGER_UI_STYLE_ELEMENT]);
  directives.set('style-src-attr', ["'unsafe-inline'"]);
  directives.set('img-src', ["'self'", 'data:']);
  directives.set('connect-src', ["'self'", new URL(publicUrl).origin]);
  directives.set('frame-ancestors', ["'none'"]);
  directives.set('form-action', ["'self'"]);
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}
