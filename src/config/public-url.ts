// The site's public base URL. Operators behind a proxy set `server.publicUrl`; everyone else gets the address
// `serve` really listens on, so that `PORT=3471 npm start` puts :3471 in mails, feeds, canonical links and the
// OpenAPI document instead of a stale default.
import { createServer } from 'node:net';
import type { Config } from './config.js';

/** Interfaces a browser on the same machine reaches as `localhost` (wildcards listen on loopback too). */
const LOCAL_HOSTS = new Set(['', '0.0.0.0', '::', '[::]', '127.0.0.1', '::1', '[::1]', 'localhost']);

/** The URL a visitor on this machine opens for a server listening on host:port. */
export function urlOfListenAddress(opts: { host: string; port: number }): string {
  const host = opts.host.trim();
  const name = LOCAL_HOSTS.has(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}${opts.port === 80 ? '' : `:${opts.port}`}`;
}

/** The configuration with `server.publicUrl` filled in from the listen address when the operator left it empty. */
export function withPublicUrl(config: Config): Config {
  if (config.server.publicUrl) return config;
  return { ...config, server: { ...config.server, publicUrl: urlOfListenAddress(config.server) } };
}

/**
 * A free TCP port on `host`, for `server.port=0`. Everything that prints links is wired before the server binds,
 * so the port is chosen first (the OS hands out ephemeral ports in turn, so a brief race with another process is
 * very unlikely; if it happens, `listen` fails with EADDRINUSE and says so).
 */
export function pickFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
