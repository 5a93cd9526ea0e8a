// A loopback OpenAI-compatible /v1/chat/completions server for tests: it answers like the API (one choice whose
// message content is a sentence about the title it was sent) and can be scripted to fail the way real endpoints
// do — 429 with Retry-After, 500, malformed JSON, a 400 for one abstract.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFailure = 429 | 500 | 400 | 401 | 'malformed' | 'no-content';

export interface FakeChatServer {
  baseUrl: string;
  /** Every request received, in order: the paper title it was about, the model and the authorization header. */
  requests: Array<{ title: string; model: string; authorization: string | undefined; at: number }>;
  /** Answers the next requests with these failures, in order, before answering normally again (replaces any left). */
  failNext(failures: FakeFailure[]): void;
  /** Every request about a title containing `needle` gets this failure (until cleared with null). */
  failTitles(needle: string | null, failure?: FakeFailure): void;
  close(): Promise<void>;
}

export async function startFakeChatServer(): Promise<FakeChatServer> {
  const requests: FakeChatServer['requests'] = [];
  const queue: FakeFailure[] = [];
  let titleFailure: { needle: string; failure: FakeFailure } | null = null;

  const fail = (res: ServerResponse, failure: FakeFailure) => {
    if (failure === 'malformed') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"choices": [{"message": {"content": "unterminated');
    } else if (failure === 'no-content') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [] }));
    } else {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure === 429) headers['retry-after'] = '0';
      res.writeHead(failure, headers).end(JSON.stringify({ error: { message: `fake ${failure}` } }));
    }
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as { model: string; messages: Array<{ role: string; content: string }> };
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const title = /^Title: (.*)$/m.exec(user)?.[1] ?? '';
    requests.push({ title, model: body.model, authorization: req.headers.authorization, at: Date.now() });
    const scripted = queue.shift();
    if (scripted) return fail(res, scripted);
    if (titleFailure && title.includes(titleFailure.needle)) return fail(res, titleFailure.failure);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: {
              role: 'assistant',
              content: `**Summary:** ${title} is summarised here. A second sentence is dropped.`,
            },
          },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (failures) => {
      queue.splice(0, queue.length, ...failures);
    },
    failTitles: (needle, failure = 400) => {
      titleFailure = needle === null ? null : { needle, failure };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
