import { describe, expect, it } from 'vitest';
import { documentedApp } from '../../../../test/api/openapi-validator.js';
import { makePaper } from '../../../../test/support/papers.js';
import { seedListed } from '../../../../test/support/seed.js';

interface Item {
  paper: { id: string; upvotes: number; submittedOnDailyAt: string; submittedOnDailyBy?: { name: string } };
  submittedBy: { name: string; _id: string };
}

describe('GET /api/daily_papers (Hugging Face compatible)', () => {
  const { get } = documentedApp({
    env: { DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org' },
    seed: async (store) => {
      await seedListed(store, [
        { day: '2024-05-01', upvotes: 2, createdAt: '2024-05-01T08:00:00.000Z', paper: { arxivId: '2405.00011' } },
        { day: '2024-05-01', upvotes: 7, createdAt: '2024-05-01T09:00:00.000Z', paper: { arxivId: '2405.00012' } },
        { day: '2024-05-01', upvotes: 0, createdAt: '2024-05-01T10:00:00.000Z', paper: { arxivId: '2405.00013' } },
        { day: '2024-05-06', upvotes: 1, createdAt: '2024-05-06T10:00:00.000Z', paper: { arxivId: '2405.00014' } },
      ]);
      const alice = await store.users.create({ username: 'Alice' });
      await store.papers.upsertMany([makePaper({ arxivId: '2405.00015' })]);
      const paper = await store.papers.findByArxivId('2405.00015');
      await store.listings.add({
        paperId: paper!.id,
        listedOn: '2024-05-01',
        submittedBy: alice,
        createdAt: '2024-05-01T07:00:00.000Z',
      });
    },
  });
  const ids = (body: Item[]) => body.map((i) => i.paper.id);

  it('returns a day as a JSON array, newest listing first by default, with HF field values', async () => {
    const res = await get('/api/daily_papers?date=2024-05-01');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Item[];
    expect(ids(body)).toEqual(['2405.00013', '2405.00012', '2405.00011', '2405.00015']);
    expect(body[1]!.paper.upvotes).toBe(7);
    expect(body.every((i) => i.paper.submittedOnDailyAt === '2024-05-01T00:00:00.000Z')).toBe(true);
    expect(res.headers.link).toBeUndefined();
  });

  it('orders by trending when asked', async () => {
    const body = (await get('/api/daily_papers?date=2024-05-01&sort=trending')).json() as Item[];
    expect(body[0]!.paper.id).toBe('2405.00012');
  });

  it('covers ISO weeks and months by listing day', async () => {
    expect(ids((await get('/api/daily_papers?week=2024-W18')).json())).toHaveLength(4);
    expect(ids((await get('/api/daily_papers?week=2024-W19')).json())).toEqual(['2405.00014']);
    expect(ids((await get('/api/daily_papers?month=2024-05')).json())).toHaveLength(5);
  });

  it('shows the latest listed day when no period is given', async () => {
    expect(ids((await get('/api/daily_papers')).json())).toEqual(['2405.00014']);
  });

  it('pages from 0 with a Link header to the next page and [] past the end', async () => {
    const first = await get('/api/daily_papers?date=2024-05-01&limit=3');
    expect(ids(first.json())).toEqual(['2405.00013', '2405.00012', '2405.00011']);
    expect(first.headers.link).toBe(
      '<https://papers.example.org/api/daily_papers?date=2024-05-01&sort=publishedAt&p=1&limit=3>; rel="next"',
    );
    const second = await get('/api/daily_papers?date=2024-05-01&limit=3&p=1');
    expect(ids(second.json())).toEqual(['2405.00015']);
    expect(second.headers.link).toBeUndefined();
    const past = await get('/api/daily_papers?date=2024-05-01&p=100');
    expect(past.statusCode).toBe(200);
    expect(past.json()).toEqual([]);
  });

  it('treats a limit above 100 as 100 instead of refusing it', async () => {
    const res = await get('/api/daily_papers?date=2024-05-01&limit=1000');
    expect(res.json()).toHaveLength(4);
  });

  it('filters by submitter, whatever the letter case, and names them in both submitter fields', async () => {
    const body = (await get('/api/daily_papers?date=2024-05-01&submitter=alice')).json() as Item[];
    expect(ids(body)).toEqual(['2405.00015']);
    expect(body[0]!.submittedBy.name).toBe('Alice');
    expect(body[0]!.paper.submittedOnDailyBy?.name).toBe('Alice');
    expect((await get('/api/daily_papers?date=2024-05-01&submitter=nobody')).json()).toEqual([]);
  });

  it('answers 400 with a clear error for invalid dates and parameters', async () => {
    const cases: Array<[string, string]> = [
      ['/api/daily_papers?date=2025-13-40', 'papers.invalid_date'],
      ['/api/daily_papers?week=2024-W60', 'papers.invalid_date'],
      ['/api/daily_papers?month=2024-13', 'papers.invalid_date'],
      ['/api/daily_papers?date=2024-05-01&week=2024-W18', 'papers.invalid_period'],
      ['/api/daily_papers?sort=upvotes', 'request.invalid'],
      ['/api/daily_papers?p=-1', 'request.invalid'],
      ['/api/daily_papers?limit=0', 'request.invalid'],
      ['/api/daily_papers?p=abc', 'request.invalid'],
    ];
    for (const [url, code] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe(code);
      expect(res.json().error.message.length, url).toBeGreaterThan(10);
    }
  });
});
