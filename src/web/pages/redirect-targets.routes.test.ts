// Every form that takes a `next` or `back` target, fed targets outside Latin-1, protocol-relative tricks and
// ordinary paths: the answer is always a redirect (never a 500), its Location is plain ASCII, it stays on this site,
// and a good target arrives percent-encoded. Regression test for issue 15 finding 4 (ERR_INVALID_CHAR after the vote
// was already counted).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

const ARXIV_ID = '2406.01234';

/** [target typed by the visitor, where a good form must send the browser (null: to the form's own fallback)] */
const TARGETS: Array<[string, string | null]> = [
  ['/∕∕evil.example', '/%E2%88%95%E2%88%95evil.example'],
  ['/∕x', '/%E2%88%95x'],
  ['/é', '/%C3%A9'],
  ['/trending?q=naïve', '/trending?q=na%C3%AFve'],
  ['/papers?date=2024-01-02', '/papers?date=2024-01-02'],
  ['//evil.example', null],
  ['/\\evil.example', null],
  ['/.//evil.example', null],
  ['https://evil.example/', null],
];

interface Form {
  name: string;
  /** Where the form sends the browser when the target is refused. */
  fallback: string;
  send(client: TestClient, target: string): Promise<LightMyRequestResponse>;
  /** The form signs the client in itself (sign-in forms); all others run signed in. */
  anonymous?: boolean;
}

describe('redirect targets of every form that takes next or back', () => {
  let store: Store;
  let app: FastifyInstance;
  let collectionId: number;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_ENABLED: 'false' } }));
    const userId = await makeUser(store, { username: 'ada' });
    await seedListed(store, [{ paper: { arxivId: ARXIV_ID }, day: todayUtc() }]);
    collectionId = await store.collections.create({
      userId,
      name: 'Reading',
      description: '',
      isPublic: true,
      now: new Date().toISOString(),
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const forms: Form[] = [
    {
      name: 'GET /login?next= (already signed in)',
      fallback: '/',
      send: (c, t) => c.get(`/login?next=${encodeURIComponent(t)}`),
    },
    {
      name: 'POST /login next=',
      fallback: '/',
      anonymous: true,
      send: (c, t) => c.post('/login', { identifier: 'ada', password: 'correct horse battery', next: t }),
    },
    {
      name: 'POST /papers/:id/upvote back=',
      fallback: `/papers/${ARXIV_ID}`,
      send: (c, t) => c.post(`/papers/${ARXIV_ID}/upvote`, { state: 'on', back: t }),
    },
    {
      name: 'POST /papers/:id/upvote back= (refused: no such paper)',
      fallback: '/',
      send: (c, t) => c.post('/papers/2406.99999/upvote', { state: 'on', back: t }),
    },
    {
      name: 'POST /collections/:id/items back=',
      fallback: `/papers/${ARXIV_ID}`,
      send: (c, t) => c.post(`/collections/${collectionId}/items`, { paper: ARXIV_ID, state: 'on', back: t }),
    },
    {
      name: 'POST /collections (new, with a paper) back=',
      fallback: `/papers/${ARXIV_ID}`,
      send: (c, t) => c.post('/collections', { name: `c${Math.random()}`, paper: ARXIV_ID, back: t }),
    },
    {
      name: 'POST /settings/digest/searches back=',
      fallback: '/settings/digest',
      send: (c, t) => c.post('/settings/digest/searches', { query: `mixture of experts ${Math.random()}`, back: t }),
    },
  ];

  for (const form of forms) {
    it.each(TARGETS)(`${form.name} with %j`, async (target, expected) => {
      const client = new TestClient(app);
      if (!form.anonymous) await client.signIn('ada');
      const res = await form.send(client, target);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      const location = String(res.headers.location);
      expect(location).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(location).toBe(expected ?? form.fallback);
    });
  }

  it.each(TARGETS)('the sign-in and new-collection pages carry %j on only as a same-site path', async (target) => {
    const anonymous = await new TestClient(app).get(`/login?next=${encodeURIComponent(target)}`);
    expect(anonymous.statusCode).toBe(200);
    const next = /name="next" value="([^"]*)"/.exec(anonymous.body)?.[1];
    expect(next).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
    const client = new TestClient(app);
    await client.signIn('ada');
    const page = await client.get(`/collections/new?paper=${ARXIV_ID}&back=${encodeURIComponent(target)}`);
    expect(page.statusCode).toBe(200);
    const back = /name="back" value="([^"]*)"/.exec(page.body)?.[1];
    if (back !== undefined) expect(back).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
  });
});
