// A loopback OpenAI-compatible /v1/embeddings server for tests, with switches for the failures a real
// endpoint shows (errors, wrong counts, a request that never gets an answer).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conceptEmbedding } from './concept-embedding.test-utils.js';

export interface FakeEmbeddingsServer {
  baseUrl: string;
  /** Every request body received, in order. */
  requests: Array<{ model: string; input: string[]; authorization: string | undefined }>;
  /** Answers the next requests with these HTTP statuses before answering normally. */
  failNext(statuses: number[]): void;
  /** Requests after the first `n` get no answer until `release()` (a hung server; lets a test kill a client mid-job). */
  holdAfter(n: number): void;
  release(): void;
  /** Resolves when `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeEmbeddingsServer({
  embed = conceptEmbedding,
}: {
  embed?: (text: string) => number[];
} = {}): Promise<FakeEmbeddingsServer> {
  const requests: FakeEmbeddingsServer['requests'] = [];
  const failures: number[] = [];
  let holdFrom = Number.POSITIVE_INFINITY;
  const held: Array<{ res: ServerResponse; input: string[] }> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];

  const answer = (res: ServerResponse, input: string[]) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        object: 'list',
        data: input.map((t, index) => ({ object: 'embedding', index, embedding: embed(t) })),
      }),
    );
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) {
      res.writeHead(404).end();
      return;
    }
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as { model: string; input: string[] };
    requests.push({ model: body.model, input: body.input, authorization: req.headers.authorization });
    for (const w of waiters.filter((w) => requests.length >= w.n)) w.resolve();
    const failure = failures.shift();
    if (failure !== undefined) {
      res.writeHead(failure, { 'content-type': 'application/json' }).end('{"error":{"message":"failing on purpose"}}');
      return;
    }
    if (requests.length > holdFrom) {
      held.push({ res, input: body.input });
      return;
    }
    answer(res, body.input);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (statuses) => failures.push(...statuses),
    holdAfter(n) {
      holdFrom = n;
    },
    release() {
      holdFrom = Number.POSITIVE_INFINITY;
      for (const h of held.splice(0)) if (!h.res.destroyed) answer(h.res, h.input);
    },
    waitForRequests: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close: async () => {
      for (const h of held.splice(0)) h.res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
