import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { containingPeriods, todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeUser, TestClient } from './community.test-utils.js';

// What a reader meets on every list page: the same card, a feed link they can see, and forms that bring them back.
describe('cards, feeds in sight and saving, over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  let collectionId: number;
  const today = todayUtc();
  const { week, month } = containingPeriods(today);

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app } = await buildTestApp({ store }));
    await seedListed(store, [
      {
        day: today,
        upvotes: 2,
        paper: {
          arxivId: '2406.30001',
          title: 'Mixing tokens',
          authors: [{ name: 'Ada Lovelace' }],
          primaryCategory: 'cs.LG',
          categories: ['cs.LG'],
        },
      },
      { day: today, paper: { arxivId: '2406.30002', title: 'Other mixing', authors: [{ name: 'Ada Lovelace' }] } },
    ]);
    await makeUser(store, { username: 'ada' });
    ada = new TestClient(app);
    await ada.signIn('ada');
    await ada.post('/papers/2406.30001/comments', { body: 'A **bold** claim about $x^2$.' });
    await ada.post('/papers/2406.30001/upvote', { state: 'on' });
    await ada.post('/collections', { name: 'Reading', isPublic: 'on', paper: '2406.30001' });
    collectionId = (
      await store.collections.listByUser((await store.users.findByUsername('ada'))!.id, { includePrivate: true })
    )[0]!.id;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const pages = () => [
    '/',
    `/papers?week=${week}`,
    `/papers?month=${month}`,
    '/trending',
    '/search?q=mixing',
    '/search?category=cs.LG',
    '/authors/ada-lovelace',
    `/collections/${collectionId}`,
    '/u/ada',
  ];

  it('shows a visible RSS and Atom link on every page that has a feed, and each link is a working feed', async () => {
    for (const path of pages()) {
      const res = await ada.get(path);
      expect(res.statusCode, path).toBe(200);
      const links = [...res.body.matchAll(/class="feed-link" href="([^"]+)"/g)].map((m) =>
        m[1]!.replaceAll('&amp;', '&'),
      );
      expect(links.length, path).toBeGreaterThanOrEqual(2);
      for (const link of links) {
        const feed = await app.inject(link);
        expect(feed.statusCode, `${path} → ${link}`).toBe(200);
        expect(feed.headers['content-type'], link).toMatch(/application\/(rss|atom)\+xml/);
      }
    }
    expect((await ada.get('/search?category=cs.LG')).body).toContain('href="/feeds/category/cs.LG.rss"');
  });

  it('renders papers with the same card on daily, trending, author, collection and profile pages', async () => {
    for (const path of pages().filter((p) => !p.startsWith('/search'))) {
      const body = (await ada.get(path)).body;
      const card = body.slice(body.indexOf('<article class="paper-card" id="paper-2406.30001">'));
      expect(card.length, path).toBeGreaterThan(0);
      const oneCard = card.slice(0, card.indexOf('</article>'));
      expect(oneCard, path).toContain('<a class="author-link" href="/authors/ada-lovelace">Ada Lovelace</a>');
      expect(oneCard, path).toContain('class="upvote-form"');
      expect(oneCard, path).toContain('aria-pressed="true"');
      expect(oneCard, path).toContain('1 comment');
      expect(oneCard, path).toContain('href="/categories/cs.LG"');
      expect(oneCard, path).toContain('class="save-menu"');
    }
  });

  it('shows comments on the profile as the thread does: Markdown and math rendered, not the source', async () => {
    const body = (await new TestClient(app).get('/u/ada')).body;
    expect(body).toContain('<strong>bold</strong>');
    expect(body).not.toContain('**bold**');
    expect(body).toMatch(/profile-comment[\s\S]*class="katex"/);
  });

  it('brings a reader who saves without JavaScript back to the card they saved from', async () => {
    const back = `/papers?week=${week}#paper-2406.30002`;
    const res = await ada.post(`/collections/${collectionId}/items`, { paper: '2406.30002', state: 'on', back });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(back);
    const page = await ada.get(`/papers?week=${week}`);
    expect(page.body).toContain(`<input type="hidden" name="back" value="/papers?week=${week}#paper-2406.30002">`);
    expect(page.body).toContain('Saved in “Reading”.');
  });
});
