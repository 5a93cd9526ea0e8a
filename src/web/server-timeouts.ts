// Timeouts of the HTTP server, so that a site exposed without a proxy cannot be starved of connections by clients
// that never finish (issue 15: a body sent one byte every 10 s kept its connection open for good). Fastify turns
// Node's own request timeout off by default; Node then answers 408 and closes the connection once headers, or the
// whole request, take longer than allowed.
import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { Config } from '../config/config.js';

const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

export function serverTimeouts(server: Config['server']): FastifyHttpOptions<Server> {
  const requestTimeout = ms(server.requestTimeoutSeconds);
  // Node refuses a headers timeout longer than the request timeout: the headers are part of the request.
  const headersTimeout = Math.min(ms(server.headersTimeoutSeconds), requestTimeout);
  return {
    requestTimeout,
    keepAliveTimeout: ms(server.keepAliveTimeoutSeconds),
    connectionTimeout: ms(server.idleTimeoutSeconds),
    http: {
      requestTimeout,
      headersTimeout,
      // Node looks for expired requests this often (30 s by default, which would let a 10 s limit run to 40 s).
      connectionsCheckingInterval: Math.min(5000, Math.max(100, Math.round(headersTimeout / 4))),
    },
  };
}
