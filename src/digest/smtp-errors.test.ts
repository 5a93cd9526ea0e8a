import { describe, expect, it } from 'vitest';
import { pooledSmtpUrl } from './digest-mailer.js';
import { backoffSeconds, classifySmtpError } from './smtp-errors.js';

describe('SMTP failures', () => {
  it('5xx replies are permanent, 4xx temporary, and a missing server is a connection problem', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 no such user' })).toEqual({
      kind: 'permanent',
      message: '550 5.1.1 no such user',
    });
    expect(classifySmtpError({ responseCode: 451, response: '451 try later' }).kind).toBe('temporary');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).kind).toBe('connection');
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Timeout' }).kind).toBe('connection');
    expect(classifySmtpError(new Error('boom')).kind).toBe('temporary');
  });

  it('retries back off four-fold and stop growing at six hours', () => {
    expect([1, 2, 3].map((attempts) => backoffSeconds({ attempts, baseSeconds: 60 }))).toEqual([60, 240, 960]);
    expect(backoffSeconds({ attempts: 20, baseSeconds: 60 })).toBe(6 * 3600);
  });

  it("the digest transport is pooled and rate-limited, keeping the operator's own URL settings", () => {
    const url = new URL(
      pooledSmtpUrl({
        smtpUrl: 'smtp://u:p@mail.example:587?maxConnections=5',
        concurrency: 2,
        ratePerSecond: 10,
        timeoutSeconds: 30,
      }),
    );
    expect(url.searchParams.get('pool')).toBe('true');
    expect(url.searchParams.get('maxConnections')).toBe('5');
    expect(url.searchParams.get('rateLimit')).toBe('10');
    expect(url.searchParams.get('socketTimeout')).toBe('30000');
    expect(url.username).toBe('u');
  });
});
