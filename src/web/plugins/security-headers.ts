// Helmet's security headers (CSP, X-Frame-Options, …), computed once at start-up. @fastify/helmet builds the
// helmet middleware again on every request — parsing the CSP directives each time — which was 9.5 % of the busy
// time of a cached `/` in a CPU profile; our headers are the same for every request (no nonces, no per-route
// options), so they are set from one precomputed list. Same options, same headers (security-headers.test.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets for these options, as name → value, in helmet's order. */
export function securityHeadersOf(options: HelmetOptions): Array<[string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name, String(value));
    },
    removeHeader: (name: string) => {
      headers.delete(name);
    },
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => {
    if (error) failure = error;
  });
  if (failure) throw failure;
  return [...headers];
}

export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersOf(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.header(name, value);
    done();
  });
}
