// The paper page is built in one place (paper-page.vm.ts): the page shown again after a refused comment is the
// same page as GET /papers/…, similar papers included (it used to forget them).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

/** The "Similar papers" section of a paper page, up to the next section. */
function similarSection(body: string): string {
  const start = body.indexOf('id="similar-papers"');
  expect(start, 'the page has a similar-papers section').toBeGreaterThan(-1);
  const end = body.indexOf('id="comments"', start);
  return body.slice(start, end === -1 ? undefined : end);
}

describe('the paper page, whichever path renders it', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  const paper = '2406.40001';
  const related = '2406.40002';
  const unrelated = '2406.40003';

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: todayUtc(),
        paper: {
          arxivId: paper,
          title: 'Sparse mixture of experts routing with load balancing',
          abstract: 'We route tokens to sparse experts and balance the load of each expert with an auxiliary loss.',
        },
      },
      {
        day: todayUtc(),
        paper: {
          arxivId: related,
          title: 'Load balancing losses for sparse mixture of experts',
          abstract: 'Auxiliary load balancing losses keep experts in a sparse mixture busy; we compare routing rules.',
        },
      },
      {
        day: todayUtc(),
        paper: {
          arxivId: unrelated,
          title: 'Glacier melt in the Andes',
          abstract: 'Satellite observations of glacier retreat and meltwater in the tropical Andes.',
        },
      },
    ]);
    // Built after seeding: the search index follows the store at start-up, so similar papers are known.
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_COMMUNITY_COMMENT_MAX_CHARS: '50' } }));
    await makeUser(store, { username: 'ada' });
    ada = new TestClient(app);
    await ada.signIn('ada');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists similar papers on the page shown again after a refused comment, as on the page itself', async () => {
    const shown = await ada.get(`/papers/${paper}`);
    expect(shown.statusCode).toBe(200);
    const onPage = similarSection(shown.body);
    expect(onPage).toContain(`href="/papers/${related}"`);
    expect(onPage).not.toContain(`href="/papers/${unrelated}"`);

    const tooLong = 'y'.repeat(51);
    const refused = await ada.post(`/papers/${paper}/comments`, { body: tooLong });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Comments have at most 50 characters; this one has 51.');
    expect(refused.body).toContain(tooLong);
    const afterRefusal = similarSection(refused.body);
    expect(afterRefusal).toContain(`href="/papers/${related}"`);
    expect(afterRefusal).not.toContain('No similar papers in this library yet.');
    expect(afterRefusal).toBe(onPage);
  });

  it('renders the page of an old-style id reached through its two path segments, and acts on it', async () => {
    await seedListed(store, [{ day: todayUtc(), paper: { arxivId: 'hep-th/9901001', title: 'Old style' } }]);
    expect((await ada.get('/papers/hep-th/9901001')).statusCode).toBe(200);
    const vote = await ada.post('/papers/hep-th/9901001/upvote', {}, { accept: 'application/json' });
    expect(vote.json()).toEqual({ upvotes: 1, upvoted: true });
    const unknownAction = await ada.post(`/papers/${paper}/frobnicate`, {}, { accept: 'application/json' });
    expect(unknownAction.statusCode).toBe(404);
    expect(unknownAction.json().error.code).toBe('route.not_found');
  });
});
