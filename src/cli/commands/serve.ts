import type { Command } from 'commander';
import { loadDemoIfEmpty } from '../../demo/load-demo.js';
import { buildServices, createLogger } from '../../services.js';
import { buildServer } from '../../web/server.js';
import { loadCliConfig } from '../bootstrap.js';

interface ServeOptions {
  port?: string;
  host?: string;
  demo: boolean;
}

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('start the web site and API (applies migrations; loads demo data into an empty database)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('-H, --host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the bundled demo data into an empty database')
    .action(async (opts: ServeOptions) => {
      const config = loadCliConfig(program.opts(), {
        ...(opts.port !== undefined ? { 'server.port': opts.port } : {}),
        ...(opts.host !== undefined ? { 'server.host': opts.host } : {}),
        ...(opts.demo ? {} : { 'demo.load': false }),
      });
      const logger = createLogger(config, 'stdout');
      const services = await buildServices({ config, logger });
      if (config.demo.load) await loadDemoIfEmpty({ store: services.store, logger });
      const app = await buildServer({ services, logger });
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await app.close();
        await services.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ port: config.server.port, host: config.server.host });
      logger.info({ address, database: services.store.dialect }, `dailypapers is listening on ${address}`);
    });
}
