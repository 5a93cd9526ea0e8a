import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { abstractHash } from '../core/text-hash.js';
import { openStore, type Store } from '../store/store.js';
import { createChatSummarizer, parse } from './chat-provider.js';
import { type FakeChatServer, startFakeChatServer } from './fake-chat-server.test-utils.js';
import { createPacer } from './rate-limit.js';
import { summaryEndpointFailed, summaryRefused } from './summaries.errors.js';
import { summarisePapers } from './summaries.usecases.js';

let server: FakeChatServer;
beforeAll(async () => {
  server = await startFakeChatServer();
});
afterAll(async () => server?.close());
beforeEach(() => {
  server.requests.length = 0;
  server.failTitles(null);
  server.failNext([]);
});

const summarizer = (extra: Partial<Parameters<typeof createChatSummarizer>[0]> = {}) =>
  createChatSummarizer({ baseUrl: server.baseUrl, model: 'fake-chat', apiKey: 'sk-test', retryDelayMs: 1, ...extra });

describe('the chat summarizer against an OpenAI-compatible endpoint', () => {
  it('asks with the model and key and keeps one plain sentence of the answer', async () => {
    const s = await summarizer().summarize({ title: 'Mamba', abstract: 'Selective state spaces.' });
    expect(s).toBe('Mamba is summarised here.');
    expect(server.requests).toEqual([
      expect.objectContaining({ title: 'Mamba', model: 'fake-chat', authorization: 'Bearer sk-test' }),
    ]);
  });

  it('retries 429, 500, malformed JSON and an answer without content, then succeeds', async () => {
    server.failNext([429, 500, 'malformed', 'no-content']);
    const s = await summarizer({ attempts: 5 }).summarize({ title: 'Retry me', abstract: 'x' });
    expect(s).toBe('Retry me is summarised here.');
    expect(server.requests).toHaveLength(5);
  });

  it('gives up after its attempts with a transient failure, and at once on a refusal', async () => {
    server.failNext([500, 500, 500]);
    const transient = summarizer({ attempts: 3 }).summarize({ title: 'Down', abstract: 'x' });
    await expect(transient).rejects.toSatisfy((e) => summaryEndpointFailed.is(e));
    expect(server.requests).toHaveLength(3);
    server.failNext([400]);
    await expect(summarizer().summarize({ title: 'Too long', abstract: 'x' })).rejects.toSatisfy((e) =>
      summaryRefused.is(e),
    );
    expect(server.requests).toHaveLength(4);
    // A rejected key is not the abstract's fault: a transient failure, not a refusal, and not retried.
    server.failNext([401]);
    await expect(summarizer().summarize({ title: 'Bad key', abstract: 'x' })).rejects.toSatisfy((e) =>
      summaryEndpointFailed.is(e),
    );
    expect(server.requests).toHaveLength(5);
  });

  it('reads the first sentence out of chatty answers', () => {
    const answer = (content: string) => JSON.stringify({ choices: [{ message: { content } }] });
    expect(parse(answer('<think>hmm</think> "It works well." More.'))).toBe('It works well.');
    expect(parse(answer('Summary: Uses e.g. LoRA adapters.'))).toBe('Uses e.g. LoRA adapters.');
    expect(parse(answer('   '))).toBeNull();
    expect(parse('not json')).toBeNull();
  });

  it('paces requests to the configured rate, retries included', async () => {
    let clock = 0;
    const pacer = createPacer({ requestsPerMinute: 600, now: () => clock });
    // Whether a call waited is read from event-loop order, not the wall clock: a call that does not wait settles in
    // the microtask queue, before any timer; a call that waits settles only after a timer has fired.
    const waited = async () =>
      Promise.race([pacer().then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 0))]);
    expect(await waited()).toBe(false);
    clock += 10; // 10 ms of (fake) time pass between calls; the interval is 100 ms
    expect(await waited()).toBe(true);
    clock += 10; // still inside the slots the first two calls reserved
    expect(await waited()).toBe(true);
    clock += 400; // past every reserved slot: the next call is free again
    expect(await waited()).toBe(false);
  });
});

describe('the summary job', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
  });
  afterEach(async () => store.close());

  async function seed(n: number) {
    const papers = Array.from({ length: n }, (_, i) =>
      makePaper({ title: `Paper number ${i}`, abstract: `Abstract ${i}.` }),
    );
    await store.papers.upsertMany(papers);
    return papers;
  }
  const summaries = async () => {
    const ids = (await store.papers.changedSince(0, 1000)).map((p) => p.id);
    return [...(await store.paperSummaries.forPapers(ids)).values()];
  };

  it('summarises every paper once, and a second run asks nothing', async () => {
    await seed(6);
    const r = await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 100 });
    expect(r).toEqual({ summarised: 6, refused: 0, failure: null, interrupted: false });
    expect((await summaries()).every((s) => s.summary?.endsWith('is summarised here.'))).toBe(true);
    const again = await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 100 });
    expect(again.summarised).toBe(0);
    expect(server.requests).toHaveLength(6);
  });

  it('killed mid-way, resumes with the next paper and asks about no paper twice', async () => {
    await seed(8);
    const controller = new AbortController();
    const s = summarizer();
    const stopping = {
      model: s.model,
      async summarize(input: Parameters<typeof s.summarize>[0]) {
        const out = await s.summarize(input);
        if (server.requests.length === 3) controller.abort();
        return out;
      },
    };
    const first = await summarisePapers({ store, summarizer: stopping, maxPerRun: 100, signal: controller.signal });
    expect(first.interrupted).toBe(true);
    const second = await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 100 });
    expect(first.summarised + second.summarised).toBe(8);
    const titles = server.requests.map((r) => r.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(8);
  });

  it('stops at an endpoint that keeps failing and starts there next time; records a refused abstract once', async () => {
    await seed(5);
    server.failTitles('number 1', 400);
    server.failNext([500, 500, 500, 500, 500, 500, 500, 500]);
    const down = await summarisePapers({ store, summarizer: summarizer({ attempts: 2 }), maxPerRun: 100 });
    expect(down.failure).toMatch(/HTTP 500/);
    expect(down.summarised).toBe(0);
    server.failNext([]);
    const up = await summarisePapers({ store, summarizer: summarizer({ attempts: 2 }), maxPerRun: 100 });
    expect(up).toMatchObject({ summarised: 4, refused: 1, failure: null });
    const refused = (await summaries()).filter((s) => s.summary === null);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.error).toMatch(/HTTP 400/);
    const asked = server.requests.length;
    await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 100 });
    expect(server.requests.length).toBe(asked);
  });

  it('writes a new summary when the abstract changes, and at most maxPerRun a run', async () => {
    const [paper] = await seed(4);
    const r = await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 3 });
    expect(r.summarised).toBe(3);
    await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 3 });
    await store.papers.upsertMany([{ ...paper!, version: 2, abstract: 'A rewritten abstract.' }]);
    const again = await summarisePapers({ store, summarizer: summarizer(), maxPerRun: 3 });
    expect(again.summarised).toBe(1);
    const stored = (await store.papers.findByArxivId(paper!.arxivId))!;
    const row = (await store.paperSummaries.forPapers([stored.id])).get(stored.id)!;
    expect(row.abstractHash).toBe(abstractHash(stored));
  });
});
