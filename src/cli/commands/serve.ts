import type { Command } from 'commander';
import { pickFreePort } from '../../config/public-url.js';
import { deriveDemoKeywords } from '../../demo/demo-keywords.js';
import { loadDemoIfEmpty } from '../../demo/load-demo.js';
import { declareJobs } from '../../jobs/definitions.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { startSearchFollower } from '../../jobs/search-follower.js';
import { mailStartupLine } from '../../mail/mail-mode.js';
import { limitHeapGrowth } from '../../operations/heap-growth.js';
import { buildServices, createLogger } from '../../services.js';
import { startMetricsServer } from '../../web/operator/metrics-server.js';
import { buildServer } from '../../web/server.js';
import { CliExit, loadCliConfig } from '../bootstrap.js';
import { exitGracefullyOnSignals } from '../graceful-shutdown.js';
import { markServing } from '../serve-marker.js';

interface ServeOptions {
  port?: string;
  host?: string;
  demo: boolean;
  mode: string;
}

const MODES = ['all', 'web', 'worker'];

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description(
      'start the web site, the API and the background jobs (applies migrations; loads demo data into an empty database)',
    )
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('-H, --host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .option('--mode <mode>', 'all: web and jobs; web: HTTP only; worker: jobs only (for scaled-out deployments)', 'all')
    .option('--no-demo', 'do not load the bundled demo data into an empty database')
    .action(async (opts: ServeOptions) => {
      if (!MODES.includes(opts.mode)) throw new CliExit(2, `error: --mode must be one of ${MODES.join(', ')}`);
      const loaded = loadCliConfig(program.opts(), {
        ...(opts.port !== undefined ? { 'server.port': opts.port } : {}),
        ...(opts.host !== undefined ? { 'server.host': opts.host } : {}),
        ...(opts.demo ? {} : { 'demo.load': false }),
      });
      // Port 0 means "any free port": choose it now, so that the derived public URL carries the real one.
      const port =
        loaded.server.port === 0 && opts.mode !== 'worker'
          ? await pickFreePort(loaded.server.host)
          : loaded.server.port;
      const config = { ...loaded, server: { ...loaded.server, port } };
      limitHeapGrowth(config.server.heapGrowthPercent);
      const logger = createLogger(config, 'stdout');
      const services = await buildServices({ config, logger, backgroundCheckpoints: true });
      const demoLoaded =
        config.demo.load && opts.mode !== 'worker' && (await loadDemoIfEmpty({ store: services.store, logger }));
      const scheduler =
        opts.mode === 'web'
          ? null
          : startScheduler({
              jobs: declareJobs(services),
              repository: services.store.jobs,
              logger,
              observe: services.metrics.observeJob,
            });
      const app = opts.mode === 'worker' ? null : await buildServer({ services, logger });
      // Each web process follows the store into its own local search index.
      const follower = app ? startSearchFollower({ store: services.store, index: services.search, logger }) : null;
      if (demoLoaded && follower) {
        void deriveDemoKeywords({ store: services.store, index: services.search, catchUp: follower.catchUp, logger });
      }
      services.metrics.collectProcessMetrics();
      const metricsServer =
        config.metrics.port === null
          ? null
          : await startMetricsServer({ services, port: config.metrics.port, host: config.metrics.host });
      const unmark = services.store.dialect === 'sqlite' ? markServing(config.data) : () => {};
      exitGracefullyOnSignals({
        logger,
        timeoutMs: config.shutdown.timeoutSeconds * 1000,
        // Listeners and jobs stop together, so the bound covers both; the store closes after everything using it.
        stop: async () => {
          await Promise.all([app?.close(), metricsServer?.app.close(), follower?.stop(), scheduler?.stop()]);
          await services.close();
          unmark();
        },
      });
      if (metricsServer) logger.info({ address: metricsServer.address }, 'metrics, health and readiness listener');
      if (app) {
        const address = await app.listen({ port, host: config.server.host });
        logger.info(
          { address, database: services.store.dialect, mode: opts.mode },
          `dailypapers is listening on ${address}`,
        );
        // Plain lines for the person who just typed `npm start`, whatever the log level.
        const { publicUrl } = services.config.server;
        const derived = config.server.publicUrl ? '' : ' (server.publicUrl, derived from the listen address)';
        process.stderr.write(`dailypapers: open ${publicUrl}${derived}\n${mailStartupLine(config)}\n`);
      } else {
        logger.info({ database: services.store.dialect }, 'dailypapers worker started');
        process.stderr.write(`${mailStartupLine(config)}\n`);
      }
    });
}
