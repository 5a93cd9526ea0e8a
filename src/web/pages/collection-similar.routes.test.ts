import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { addDays, todayUtc } from '../../core/dates.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import { openStore, type Store } from '../../store/store.js';
import { feedparse } from '../feeds/feeds.test-utils.js';
import { makeUser, TestClient } from './community.test-utils.js';

// "More like this collection": the list on the collection page and the feed of new similar papers, public for a
// public collection and the owner's alone (session or tokenised URL) for a private one.
describe('more like this collection', () => {
  let store: Store;
  let app: FastifyInstance;
  let owner: TestClient;
  let publicId: number;
  let privateId: number;
  let byTitle: (title: string) => StoredPaper;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store }));
    const today = todayUtc();
    const quantum = (day: string, title: string) => ({
      day,
      paper: { title, abstract: `${title}. Quantum error correction with surface codes and logical qubits.` },
    });
    const vision = (day: string, title: string) => ({
      day,
      paper: { title, abstract: `${title}. Convolutional networks segment street images and detect objects.` },
    });
    const ids = await seedListed(store, [
      quantum(addDays(today, -40), 'Surface codes for qubits'),
      quantum(addDays(today, -40), 'Decoding quantum error correction'),
      quantum(addDays(today, -40), 'Qubit error thresholds'),
      vision(addDays(today, -40), 'Image classification networks'),
      vision(addDays(today, -40), 'Pedestrian detection at night'),
      quantum(today, 'Lattice surgery with surface codes'),
      quantum(addDays(today, -3), 'Fault-tolerant surface code decoders'),
      quantum(addDays(today, -20), 'Logical qubits from surface codes, revisited'),
      vision(today, 'Segmenting street images'),
      vision(addDays(today, -2), 'Detecting objects in traffic video'),
    ]);
    const papers = await store.papers.findByIds(ids);
    byTitle = (title) => papers.find((p) => p.title === title)!;
    await makeUser(store, { username: 'ann' });
    await makeUser(store, { username: 'bo' });
    const annId = (await store.users.findByUsername('ann'))!.id;
    const now = new Date().toISOString();
    publicId = await store.collections.create({ userId: annId, name: 'QEC', description: '', isPublic: true, now });
    privateId = await store.collections.create({
      userId: annId,
      name: 'Secret QEC',
      description: '',
      isPublic: false,
      now,
    });
    for (const paperId of ids.slice(0, 3)) {
      await store.collections.addPaper(publicId, paperId, now);
      await store.collections.addPaper(privateId, paperId, now);
    }
    owner = new TestClient(app);
    await owner.signIn('ann');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const similarSection = (body: string) => body.slice(body.indexOf('id="more-like-this"'));
  const card = (title: string) => `id="paper-${byTitle(title).arxivId}"`;

  it('lists recent papers like the collection’s, best first, without its own papers or unlike ones', async () => {
    const page = await new TestClient(app).get(`/collections/${publicId}`);
    expect(page.statusCode).toBe(200);
    const section = similarSection(page.body);
    expect(section).toContain('More like this collection');
    for (const t of ['Lattice surgery with surface codes', 'Fault-tolerant surface code decoders'])
      expect(section).toContain(card(t));
    for (const t of ['Segmenting street images', 'Detecting objects in traffic video', 'Surface codes for qubits'])
      expect(section).not.toContain(card(t));
    // Anonymous readers get no "not interested" buttons; the public feed is linked.
    expect(section).not.toContain('Not interested');
    expect(section).toContain(`href="/feeds/collections/${publicId}/similar.rss"`);
  });

  it('the public feed carries the new similar papers (last two weeks), newest first, for a real feed parser', async () => {
    const res = await new TestClient(app).get(`/feeds/collections/${publicId}/similar.atom`);
    expect(res.statusCode).toBe(200);
    const feed = feedparse(res.body);
    expect(feed.bozo).toBe(0);
    expect(feed.title).toBe('New papers like “QEC” · dailypapers');
    // Listed 20 days ago is not new; the vision papers are not alike.
    expect(feed.entries.map((e) => e.title)).toEqual([
      'Lattice surgery with surface codes',
      'Fault-tolerant surface code decoders',
    ]);
    expect((await new TestClient(app).get(`/feeds/collections/${publicId}/similar.rss`)).statusCode).toBe(200);
    expect((await new TestClient(app).get(`/feeds/collections/${publicId}/other.rss`)).statusCode).toBe(404);
    expect((await new TestClient(app).get('/feeds/collections/9999/similar.rss')).statusCode).toBe(404);
  });

  it('a private collection’s feed is its owner’s: session or the signed URL; anyone else gets 404', async () => {
    const url = `/feeds/collections/${privateId}/similar.rss`;
    expect((await new TestClient(app).get(url)).statusCode).toBe(404);
    const bo = new TestClient(app);
    await bo.signIn('bo');
    expect((await bo.get(url)).statusCode).toBe(404);
    expect((await owner.get(url)).statusCode).toBe(200);
    const page = (await owner.get(`/collections/${privateId}`)).body;
    const tokenised = /href="(\/feeds\/collections\/\d+\/similar\.rss\?token=[^"]+)"/.exec(page)?.[1];
    expect(tokenised).toBeDefined();
    const viaToken = await new TestClient(app).get(tokenised!.replaceAll('&amp;', '&'));
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.headers['cache-control']).toContain('private');
    expect(feedparse(viaToken.body).entries.map((e) => e.title)).toContain('Lattice surgery with surface codes');
    // The public collection's token does not open the private one's feed, nor does a forged one.
    const forged = tokenised!.replace(/token=[^&"]+/, 'token=1.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await new TestClient(app).get(forged)).statusCode).toBe(404);
    const otherCollection = tokenised!.replace(
      `/collections/${privateId}/`,
      `/collections/${publicId + privateId + 5}/`,
    );
    expect((await new TestClient(app).get(otherCollection)).statusCode).toBe(404);
  });

  it('a signed-in reader can mark a similar paper "not interested": gone for them, with an undo', async () => {
    const bo = new TestClient(app);
    await bo.signIn('bo');
    const target = byTitle('Lattice surgery with surface codes');
    expect(similarSection((await bo.get(`/collections/${publicId}`)).body)).toContain('Not interested');
    const res = await bo.post('/recommendations/not-interested', {
      paper: target.arxivId,
      state: 'on',
      back: `/collections/${publicId}`,
    });
    expect(res.headers.location).toBe(`/collections/${publicId}?undo=${target.arxivId}`);
    const after = similarSection((await bo.follow(res)).body);
    expect(after).not.toContain(card(target.title));
    expect(after).toContain('is hidden');
    // Only for them: the owner still sees it.
    expect(similarSection((await owner.get(`/collections/${publicId}`)).body)).toContain(card(target.title));
    const undo = await bo.post('/recommendations/not-interested', {
      paper: target.arxivId,
      state: 'off',
      back: `/collections/${publicId}`,
    });
    expect(similarSection((await bo.follow(undo)).body)).toContain(card(target.title));
  });
});
