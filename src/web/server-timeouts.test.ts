// Real sockets on loopback: a client that sends its body (or its headers) too slowly is answered 408 and
// disconnected; ordinary requests, also several on one keep-alive connection, are not affected.
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { openStore, type Store } from '../store/store.js';

interface Outcome {
  received: string;
  closedAfterMs: number;
}

/** Opens a connection, writes `head` at once and then one byte of body every `everyMs`, until the server hangs up. */
function slowClient(port: number, opts: { head: string; everyMs: number; giveUpMs: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(opts.head);
    });
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('a');
    }, opts.everyMs);
    const giveUp = setTimeout(() => {
      clearInterval(drip);
      socket.destroy();
      reject(new Error(`still open after ${opts.giveUpMs} ms; received: ${received.slice(0, 200)}`));
    }, opts.giveUpMs);
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
  });
}

describe('server timeouts on a real socket', () => {
  let store: Store;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_SERVER_REQUEST_TIMEOUT_SECONDS: '1.5',
        DAILYPAPERS_SERVER_HEADERS_TIMEOUT_SECONDS: '1',
        DAILYPAPERS_SERVER_KEEP_ALIVE_TIMEOUT_SECONDS: '5',
      },
    }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers 408 and closes a connection whose body trickles in (Content-Length 100000, a byte at a time)', async () => {
    const outcome = await slowClient(port, {
      head: 'POST /digest/subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n',
      everyMs: 200,
      giveUpMs: 30_000,
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
    expect(outcome.closedAfterMs).toBeLessThan(30_000);
  }, 120_000);

  it('closes a connection whose headers never end (slowloris)', async () => {
    const outcome = await slowClient(port, {
      head: 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
      everyMs: 200,
      giveUpMs: 30_000,
    });
    expect(outcome.received === '' || /^HTTP\/1\.1 408/.test(outcome.received)).toBe(true);
  }, 120_000);

  it('serves ordinary requests, several on one keep-alive connection, over more than the request timeout', async () => {
    const answers: number[] = [];
    const started = Date.now();
    // Three requests over one connection, spread over ~2 s (longer than the 1.5 s request timeout, which counts
    // each request, not the connection).
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d.toString('latin1');
    });
    const waitForAnswer = async (n: number) => {
      while ((buffer.match(/HTTP\/1\.1 (\d{3})/g) ?? []).length < n) await new Promise((r) => setTimeout(r, 20));
    };
    for (let i = 1; i <= 3; i++) {
      socket.write('GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await waitForAnswer(i);
      if (i < 3) await new Promise((r) => setTimeout(r, 900));
    }
    for (const m of buffer.matchAll(/HTTP\/1\.1 (\d{3})/g)) answers.push(Number(m[1]));
    socket.destroy();
    expect(answers).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThan(1500);
    // And an ordinary form post with its whole body is answered as before.
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`);
    expect(res.status).toBe(200);
  }, 120_000);
});
