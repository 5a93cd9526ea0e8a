import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installSecurityHeaders, securityHeadersOf } from './security-headers.js';

const OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  hsts: false,
};

describe('security headers computed once', () => {
  it('are the headers @fastify/helmet sets per request for the same options', async () => {
    const ours = Fastify();
    installSecurityHeaders(ours, OPTIONS);
    ours.get('/', async () => 'ok');
    const reference = Fastify();
    await reference.register(fastifyHelmet, OPTIONS);
    reference.get('/', async () => 'ok');
    const pick = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([k]) => !['date', 'connection', 'content-length', 'content-type'].includes(k)),
      );
    const a = await ours.inject('/');
    const b = await reference.inject('/');
    expect(pick(a.headers)).toEqual(pick(b.headers));
    expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(a.headers['strict-transport-security']).toBeUndefined();
    await ours.close();
    await reference.close();
  });

  it('refuses options helmet refuses, at start-up', () => {
    expect(() => securityHeadersOf({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow();
  });
});
