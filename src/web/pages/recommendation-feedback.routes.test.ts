import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

// "Not interested" on /for-you: a plain form with the CSRF token; the card goes, an undo is offered and works, and
// each card says why it is recommended.
describe('"Not interested" on For you', () => {
  let store: Store;
  let app: FastifyInstance;
  let dee: TestClient;
  let deeId: number;
  let papers: StoredPaper[];

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store }));
    const today = todayUtc();
    const quantum = (title: string) => ({
      day: today,
      paper: {
        title,
        abstract: `${title}. We study quantum error correction with surface codes and qubits.`,
        categories: ['quant-ph'],
        primaryCategory: 'quant-ph',
      },
    });
    const ids = await seedListed(store, [
      quantum('Surface codes for qubits'),
      quantum('Decoding quantum error correction'),
      quantum('Qubit error thresholds'),
      quantum('Fault-tolerant quantum surface codes'),
      quantum('Lattice surgery with surface codes'),
      {
        day: today,
        paper: {
          title: 'Segmenting street images',
          abstract: 'Convolutional networks for image segmentation of street scenes.',
          categories: ['cs.CV'],
          primaryCategory: 'cs.CV',
        },
      },
    ]);
    papers = await store.papers.findByIds(ids);
    await makeUser(store, { username: 'dee' });
    dee = new TestClient(app);
    await dee.signIn('dee');
    deeId = (await store.users.findByUsername('dee'))!.id;
    await store.votes.setVote({ userId: deeId, paperId: ids[0]!, up: true });
    await store.votes.setVote({ userId: deeId, paperId: ids[1]!, up: true });
    // Saved in a collection: the other kind of positive the explanations name.
    const collection = await store.collections.create({
      userId: deeId,
      name: 'Reading',
      description: '',
      isPublic: false,
      now: new Date().toISOString(),
    });
    await store.collections.addPaper(collection, ids[2]!, new Date().toISOString());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const byTitle = (title: string) => papers.find((p) => p.title === title)!;
  const cardOf = (arxivId: string) => `id="paper-${arxivId}"`;

  it('each recommendation says which liked paper it is like and the words that weighed most', async () => {
    const page = (await dee.get('/for-you')).body;
    const lattice = byTitle('Lattice surgery with surface codes');
    expect(page).toContain(cardOf(lattice.arxivId));
    const item = page.slice(page.indexOf(cardOf(lattice.arxivId)));
    const why = item.slice(item.indexOf('class="rec-why'), item.indexOf('</p>', item.indexOf('class="rec-why')));
    expect(why).toMatch(/Because you (upvoted|saved) <a href="\/papers\//);
    expect(why).toContain('weighed most: <em>');
    // The words named are the paper's own, not a hashed feature number.
    const terms = [...why.matchAll(/<em>([^<]+)<\/em>/g)].map((m) => m[1]!);
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(`${lattice.title} ${lattice.abstract}`.toLowerCase()).toContain(t);
  });

  it('hides the paper, offers an undo that brings it back, and the mark survives a reload', async () => {
    const target = byTitle('Fault-tolerant quantum surface codes');
    expect((await dee.get('/for-you')).body).toContain(cardOf(target.arxivId));
    const res = await dee.post('/recommendations/not-interested', {
      paper: target.arxivId,
      state: 'on',
      back: '/for-you',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/for-you?undo=${target.arxivId}`);
    const after = await dee.follow(res);
    expect(after.body).not.toContain(cardOf(target.arxivId));
    expect(after.body).toContain('is hidden: it will not be recommended to you again');
    expect(await store.paperFeedback.listOf(deeId, 'not_interested')).toMatchObject([{ paperId: target.id }]);
    // Still gone on a later visit, listed under the hidden papers with its own undo.
    const later = (await dee.get('/for-you')).body;
    expect(later).not.toContain(cardOf(target.arxivId));
    expect(later).toContain('Papers you marked “not interested” (1)');

    const undo = await dee.post('/recommendations/not-interested', {
      paper: target.arxivId,
      state: 'off',
      back: '/for-you',
    });
    expect(undo.statusCode).toBe(303);
    expect(undo.headers.location).toBe(`/for-you#paper-${target.arxivId}`);
    expect((await dee.follow(undo)).body).toContain(cardOf(target.arxivId));
    expect(await store.paperFeedback.listOf(deeId, 'not_interested')).toEqual([]);
  });

  it('refuses a post without the CSRF token, and an anonymous one, changing nothing', async () => {
    const target = byTitle('Qubit error thresholds');
    const forged = await dee.post('/recommendations/not-interested', { paper: target.arxivId, _csrf: '' });
    expect(forged.statusCode).toBe(403);
    const anonymous = await new TestClient(app).post('/recommendations/not-interested', { paper: target.arxivId });
    expect([303, 403]).toContain(anonymous.statusCode);
    expect(await store.paperFeedback.listOf(deeId, 'not_interested')).toEqual([]);
  });

  it('an unknown paper or a non-id is a clear refusal, not a 500', async () => {
    const unknown = await dee.post('/recommendations/not-interested', { paper: '2401.99999', back: '/for-you' });
    expect(unknown.statusCode).toBe(303);
    expect((await dee.follow(unknown)).body).toContain('Paper 2401.99999 is not in this library');
    const junk = await dee.post('/recommendations/not-interested', { paper: 'not an id', back: '/for-you' });
    expect(junk.statusCode).toBe(303);
    expect((await dee.follow(junk)).body).toContain('is not an arXiv id');
    expect(await store.paperFeedback.listOf(deeId, 'not_interested')).toEqual([]);
  });
});
