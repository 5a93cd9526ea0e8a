import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../operations/metrics.js';

/**
 * Times every answered request into the latency histogram, labelled by the route *pattern* (`/papers/*`), so
 * the number of series stays bounded however many URLs are requested; unmatched URLs share one label.
 */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest({
      method: request.method,
      route: request.routeOptions.url ?? '(unmatched)',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
}
