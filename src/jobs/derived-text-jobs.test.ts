import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { makePaper } from '../../test/support/papers.js';
import { openStore, type Store } from '../store/store.js';
import { type FakeChatServer, startFakeChatServer } from '../summaries/fake-chat-server.test-utils.js';
import { declareJobs } from './definitions.js';

describe('the keywords and summaries jobs, as the scheduler runs them', () => {
  let store: Store;
  let chat: FakeChatServer;
  let close: () => Promise<void>;
  let jobs: ReturnType<typeof declareJobs>;

  beforeAll(async () => {
    chat = await startFakeChatServer();
    store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany(
      Array.from({ length: 25 }, (_, i) =>
        makePaper({
          title: `Speculative decoding trick ${i}`,
          abstract: `Speculative decoding with draft models ${i}.`,
        }),
      ),
    );
    const { app, services } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_SUMMARIES_PROVIDER: 'http',
        DAILYPAPERS_SUMMARIES_HTTP_URL: chat.baseUrl,
        DAILYPAPERS_SUMMARIES_HTTP_MODEL: 'fake-chat',
        DAILYPAPERS_SUMMARIES_REQUESTS_PER_MINUTE: '6000',
      },
    });
    close = () => app.close();
    jobs = declareJobs(services);
  });
  afterAll(async () => {
    await close?.();
    await store?.close();
    await chat?.close();
  });

  const run = (name: string) => {
    const job = jobs.find((j) => j.name === name)!;
    return job.run({ signal: new AbortController().signal, logger: pino({ level: 'silent' }) });
  };

  it('declares both jobs with their schedules from configuration', () => {
    expect(jobs.find((j) => j.name === 'keywords')?.schedule).toBe('*/10 * * * *');
    expect(jobs.find((j) => j.name === 'summaries')?.schedule).toBe('*/15 * * * *');
  });

  it('keywords: every paper gets keywords; a second run writes nothing', async () => {
    expect(await run('keywords')).toMatchObject({ changed: true, message: 'keywords: 25 papers checked, 25 written' });
    expect(await store.paperKeywords.count()).toBe(25);
    expect((await run('keywords')).changed).toBe(false);
  });

  it('summaries: every paper gets a summary from the configured endpoint, once', async () => {
    expect(await run('summaries')).toMatchObject({
      changed: true,
      message: 'summaries: 25 written, 0 refused by the endpoint',
    });
    expect(chat.requests).toHaveLength(25);
    expect(chat.requests.every((r) => r.model === 'fake-chat')).toBe(true);
    expect((await run('summaries')).changed).toBe(false);
    expect(chat.requests).toHaveLength(25);
  });
});
