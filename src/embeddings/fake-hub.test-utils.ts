// A loopback stand-in for the Hugging Face hub: serves files of a folder at /<repo>/resolve/<revision>/<path>,
// the URL layout `models pull` uses. It can cut a file short to test interrupted downloads.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeHub {
  url: string;
  /** Paths requested, e.g. "/Xenova/bge-small-en-v1.5/resolve/main/config.json". */
  requests: string[];
  /** The next request for a file whose path ends with `suffix` sends half of it, then drops the connection. */
  truncateNext(suffix: string): void;
  close(): Promise<void>;
}

export async function startFakeHub({
  repo,
  revision = 'main',
  dir,
}: {
  repo: string;
  revision?: string;
  dir: string;
}): Promise<FakeHub> {
  const requests: string[] = [];
  const truncate = new Set<string>();
  const prefix = `/${repo}/resolve/${revision}/`;
  const server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requests.push(url);
    const rel = url.startsWith(prefix) ? url.slice(prefix.length) : null;
    const file = rel && !rel.split('/').includes('..') ? path.join(dir, rel) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    const cut = [...truncate].find((s) => url.endsWith(s));
    if (cut) {
      truncate.delete(cut);
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    truncateNext: (suffix) => truncate.add(suffix),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
