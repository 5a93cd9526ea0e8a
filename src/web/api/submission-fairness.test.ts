// Several readers submitting papers unknown to the library at once, against the loopback arXiv: each has at most
// one lookup queued, nobody waits longer than arxiv.lookupMaxWaitSeconds for their turn, and everyone else is told
// at once to try again in N s (503 + Retry-After), on the JSON API and on the HTML form.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { type FakeArxiv, startFakeArxiv } from '../../../test/support/fake-arxiv-server.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from '../pages/community.test-utils.js';

describe('fair arXiv lookups for submissions', () => {
  let store: Store;
  let app: FastifyInstance;
  let arxiv: FakeArxiv;
  const readers: TestClient[] = [];
  const apiLookups = () => arxiv.requests.filter((r) => r.path === '/api/query').length;

  beforeAll(async () => {
    arxiv = await startFakeArxiv();
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl,
        // One lookup every ~2 s (1 s polite pause + a typical answer); at most 2 s of waiting for one's turn.
        DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
        DAILYPAPERS_ARXIV_LOOKUP_MAX_WAIT_SECONDS: '2',
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0',
      },
    }));
    for (let i = 0; i < 6; i++) {
      await makeUser(store, { username: `reader${i}` });
      const client = new TestClient(app);
      await client.signIn(`reader${i}`);
      readers.push(client);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await arxiv.close();
  });

  it('serves the first in line, and tells the others at once to try again in N seconds', async () => {
    const before = apiLookups();
    const order: string[] = [];
    const answers = await Promise.all(
      readers.map(async (reader, i) => {
        const res = await reader.api('POST', '/api/v1/submissions', { arxivId: `2401.9990${i}` });
        order.push(res.statusCode === 503 ? 'queued' : 'looked-up');
        return res;
      }),
    );
    const lookedUp = answers.filter((r) => r.statusCode === 404);
    const queued = answers.filter((r) => r.statusCode === 503);
    // Turn 0 waits 0 s and turn 1 waits ~2 s: both within the 2 s bound; turns 2–5 would wait longer.
    expect(lookedUp).toHaveLength(2);
    expect(queued).toHaveLength(4);
    expect(apiLookups() - before).toBe(2);
    for (const res of lookedUp) expect(res.json().error.code).toBe('submissions.not_found');
    for (const res of queued) {
      expect(res.json().error.code).toBe('submissions.arxiv_queued');
      expect(res.json().error.message).toMatch(/try again in \d+ seconds?/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // The refusals did not wait behind the lookups: the second lookup, a polite second later, answered last.
    expect(order.at(-1)).toBe('looked-up');
    expect(await store.papers.findByArxivId('2401.99905')).toBeNull();
  }, 120_000);

  it('lets each reader have one lookup at a time, and shares a lookup of the same paper', async () => {
    const before = apiLookups();
    const [first, second] = await Promise.all([
      readers[0]!.api('POST', '/api/v1/submissions', { arxivId: '2401.99910' }),
      readers[0]!.api('POST', '/api/v1/submissions', { arxivId: '2401.99911' }),
    ]);
    // Whichever arrived first is looked up; the other is refused at once.
    const refused = [first, second].find((r) => r.statusCode === 429);
    expect([first.statusCode, second.statusCode].sort()).toEqual([404, 429]);
    expect(refused!.json().error.code).toBe('submissions.lookup_in_progress');
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Two readers, one unknown paper: arXiv is asked once.
    const same = await Promise.all([
      readers[1]!.api('POST', '/api/v1/submissions', { arxivId: '2401.99920' }),
      readers[2]!.api('POST', '/api/v1/submissions', { arxivId: '2401.99920' }),
    ]);
    expect(same.map((r) => r.statusCode)).toEqual([404, 404]);
    expect(apiLookups() - before).toBe(2);
  }, 120_000);

  it('says the same on the HTML form, keeping the typed id, with Retry-After', async () => {
    // A second site that makes nobody wait for a turn, while the loopback arXiv holds the first lookup.
    const { app: strict } = await buildTestApp({
      store,
      env: {
        DAILYPAPERS_ARXIV_API_URL: arxiv.apiUrl,
        DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '1',
        DAILYPAPERS_ARXIV_LOOKUP_MAX_WAIT_SECONDS: '0',
        DAILYPAPERS_ARXIV_TIMEOUT_SECONDS: '2',
        DAILYPAPERS_COMMUNITY_MAX_PAPER_AGE_DAYS: '0',
      },
    });
    const [holder, other] = [new TestClient(strict), new TestClient(strict)];
    await holder.signIn('reader3');
    await other.signIn('reader4');
    arxiv.script({ kind: 'hang' });
    const before = apiLookups();
    const held = holder.api('POST', '/api/v1/submissions', { arxivId: '2401.99930' });
    while (apiLookups() === before) await new Promise((r) => setTimeout(r, 20));
    // The first lookup is at arXiv now: the queue has one in it.
    const queued = await other.post('/submit', { arxivId: '2401.99932' });
    expect(queued.statusCode).toBe(503);
    expect(queued.headers['content-type']).toContain('text/html');
    expect(queued.body).toContain('arXiv lookups are queued');
    expect(queued.body).toContain('value="2401.99932"');
    expect(Number(queued.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const again = await holder.post('/submit', { arxivId: '2401.99933' });
    expect(again.statusCode).toBe(429);
    expect(again.body).toContain('Your previous paper is still being looked up on arXiv');
    expect(again.body).toContain('value="2401.99933"');
    expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The held lookup times out, is retried once, and ends with arXiv's answer.
    expect((await held).statusCode).toBe(404);
    await strict.close();
  }, 120_000);
});
