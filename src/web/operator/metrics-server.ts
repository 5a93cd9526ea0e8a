// The separate metrics listener (`metrics.port` on `metrics.host`, loopback by default): /metrics without a
// token, plus /healthz and /readyz, so a scraper or probe never shares the public port. `serve --mode worker`
// has no public port, so this is also how a worker process is watched.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { installDrainOnClose } from './drain-on-close.js';
import { operatorRoutes } from './operator.routes.js';
import { installRequestMetrics } from './request-metrics.js';

export async function startMetricsServer(opts: {
  services: Services;
  port: number;
  host: string;
}): Promise<{ app: FastifyInstance; address: string }> {
  const app = Fastify({ logger: false });
  installRequestMetrics(app, opts.services.metrics);
  installDrainOnClose(app);
  await app.register(operatorRoutes, { services: opts.services, metrics: 'open' });
  const address = await app.listen({ port: opts.port, host: opts.host });
  return { app, address };
}
