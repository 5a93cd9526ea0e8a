import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { documentedApp } from '../../../../test/api/openapi-validator.js';
import { makePaper } from '../../../../test/support/papers.js';
import { seedListed } from '../../../../test/support/seed.js';
import { wrapWords } from './thumbnail.js';

describe('GET /api/papers/{id} (Hugging Face compatible)', () => {
  const fixture = documentedApp({
    seed: async (store) => {
      await seedListed(store, [
        {
          day: '2024-05-01',
          upvotes: 3,
          paper: {
            arxivId: '2405.00011',
            title: 'Attention <is> all & more',
            links: [{ kind: 'github', url: 'https://github.com/o/r' }],
          },
        },
        { day: '2024-05-02', paper: { arxivId: 'hep-th/9901001', title: 'Old style' } },
      ]);
      await store.papers.upsertMany([makePaper({ arxivId: '2405.00020', title: 'Never listed' })]);
    },
  });
  const { get } = fixture;

  it('returns the flat paper object with its listing data and empty linked-repository lists', async () => {
    const res = await get('/api/papers/2405.00011');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: '2405.00011',
      title: 'Attention <is> all & more',
      upvotes: 3,
      submittedOnDailyAt: '2024-05-01T00:00:00.000Z',
      githubRepo: 'https://github.com/o/r',
      linkedModels: [],
      numTotalModels: 0,
      numTotalSpaces: 0,
    });
    expect(res.json()).not.toHaveProperty('paper');
  });

  it('accepts versioned and old-style ids and papers that were never listed', async () => {
    expect((await get('/api/papers/2405.00011v2')).json().id).toBe('2405.00011');
    expect((await get('/api/papers/hep-th/9901001')).json().title).toBe('Old style');
    const unlisted = (await get('/api/papers/2405.00020')).json();
    expect(unlisted.upvotes).toBe(0);
    expect(unlisted).not.toHaveProperty('submittedOnDailyAt');
  });

  it('answers 404 for unknown ids and for ids that cannot exist, as Hugging Face does', async () => {
    for (const url of ['/api/papers/2405.99999', '/api/papers/1234.56789', '/api/papers/<script>']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('papers.not_found');
    }
  });

  it('serves the thumbnail it names as a well-formed SVG that escapes the title', async () => {
    const item = (await get('/api/daily_papers?date=2024-05-01')).json()[0];
    const res = await fixture.app.inject(new URL(item.thumbnail).pathname);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body).toContain('Attention &lt;is&gt; all &amp; more');
    const svg = new XMLParser({ ignoreAttributes: false }).parse(res.body).svg;
    expect(svg['@_width']).toBe('1200');
    expect((await fixture.app.inject('/papers/hep-th/9901001/thumbnail.svg')).statusCode).toBe(200);
    expect((await fixture.app.inject('/papers/2405.99999/thumbnail.svg')).statusCode).toBe(404);
  });
});

describe('thumbnail title wrapping', () => {
  it('wraps at word boundaries and ends a cut-off title with an ellipsis', () => {
    expect(wrapWords({ text: 'one two three four', width: 9, maxLines: 3 })).toEqual(['one two', 'three', 'four']);
    expect(wrapWords({ text: 'one two three four', width: 9, maxLines: 2 })).toEqual(['one two', 'three…']);
    expect(wrapWords({ text: 'Supercalifragilistic', width: 8, maxLines: 2 })).toEqual(['Superca…']);
  });
});
