// Cite and export over HTTP: each download's content type, attachment name and content (parsed back by
// @retorquere/bibtex-parser), 404s, private collections exported only for their owner, the paper page's citation_*
// meta tags, and import into a collection through the form (CSRF-protected) and the JSON route.
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken } from '../api/tokens.test-utils.js';
import { makeUser, TestClient } from './community.test-utils.js';

const TYPES = {
  bib: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  'csl.json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
} as const;

const bibKeys = (body: string) => parseBibtex(body, { sentenceCase: false }).entries.map((e) => e.fields.eprint);

describe('cite and export routes', () => {
  let store: Store;
  let app: FastifyInstance;
  let ada: TestClient;
  let bob: TestClient;
  let anon: TestClient;
  let publicId: number;
  let privateId: number;

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await seedListed(store, [
      {
        day: todayUtc(),
        paper: {
          arxivId: '2406.50001',
          title: 'Schr\\"odinger bridges for <script> "quoted" GANs',
          authors: [{ name: "Paul L\\'evy" }, { name: 'Grace "G" Hopper' }],
          abstract: 'Diffusion bridges between distributions.',
          doi: '10.1000/bridge.1',
        },
      },
      {
        day: todayUtc(),
        paper: {
          arxivId: '2406.50002',
          title: 'Load balancing for mixture of experts',
          authors: [{ name: 'Paul Lévy' }],
          abstract: 'Routing tokens to experts.',
        },
      },
      {
        day: todayUtc(),
        paper: {
          arxivId: 'hep-th/9901001',
          title: 'Old strings',
          authors: [{ name: 'Ed Witten' }],
          abstract: 'Strings.',
        },
      },
    ]);
    ({ app } = await buildTestApp({ store, env: { DAILYPAPERS_RATE_LIMIT_ENABLED: 'false' } }));
    await makeUser(store, { username: 'ada' });
    await makeUser(store, { username: 'bob' });
    ada = new TestClient(app);
    await ada.signIn('ada');
    bob = new TestClient(app);
    await bob.signIn('bob');
    anon = new TestClient(app);
    const made = await ada.api('POST', '/api/v1/collections', { name: 'Bridges', description: '', isPublic: true });
    publicId = (made.json() as { id: number }).id;
    const hidden = await ada.api('POST', '/api/v1/collections', { name: 'Secret', description: '', isPublic: false });
    privateId = (hidden.json() as { id: number }).id;
    for (const [id, paper] of [
      [publicId, '2406.50001'],
      [publicId, '2406.50002'],
      [privateId, '2406.50002'],
    ] as const)
      await ada.api('POST', `/api/v1/collections/${id}/items`, { paper, contains: true });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('a paper downloads in each format as an attachment with its content type', async () => {
    for (const format of ['bib', 'ris', 'csl.json'] as const) {
      const res = await anon.get(`/papers/2406.50001/cite.${format}`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(TYPES[format]);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="2406.50001.${format}"`);
    }
    const bib = parseBibtex((await anon.get('/papers/2406.50001/cite.bib')).body, { sentenceCase: false });
    expect(bib.errors).toEqual([]);
    expect(bib.entries[0]!.fields).toMatchObject({
      title: 'Schrödinger bridges for <script> "quoted" GANs',
      eprint: '2406.50001',
      archiveprefix: 'arXiv',
      doi: '10.1000/bridge.1',
    });
    const ris = parseRis((await anon.get('/papers/2406.50001/cite.ris')).body.replace(/\r\n/g, '\n'));
    expect(ris[0]!.title).toBe('Schrödinger bridges for <script> "quoted" GANs');
    const csl = (await anon.get('/papers/2406.50001/cite.csl.json')).json() as Array<{ author: unknown }>;
    expect(csl[0]!.author).toEqual([
      { family: 'Lévy', given: 'Paul' },
      { family: 'Hopper', given: 'Grace "G"' },
    ]);
  });

  it('old-style ids cite through two path segments; an unknown paper is a 404', async () => {
    const res = await anon.get('/papers/hep-th/9901001/cite.bib');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="hep-th-9901001.bib"');
    expect(bibKeys(res.body)).toEqual(['hep-th/9901001']);
    expect((await anon.get('/papers/2406.59999/cite.bib')).statusCode).toBe(404);
    // Not an arXiv id at all: refused as the paper page refuses it.
    expect((await anon.get('/papers/not-an-id/cite.ris')).statusCode).toBe(
      (await anon.get('/papers/not-an-id')).statusCode,
    );
  });

  it('the paper page carries citation_* meta tags, escaped, and a BibTeX alternate link', async () => {
    const page = (await anon.get('/papers/2406.50001')).body;
    const head = page.slice(0, page.indexOf('</head>'));
    expect(head).toContain(
      '<meta name="citation_title" content="Schrödinger bridges for &lt;script&gt; &quot;quoted&quot; GANs">',
    );
    expect([...head.matchAll(/<meta name="citation_author" content="([^"]*)">/g)].map((m) => m[1])).toEqual([
      'Paul Lévy',
      'Grace &quot;G&quot; Hopper',
    ]);
    expect(head).toContain('<meta name="citation_arxiv_id" content="2406.50001">');
    expect(head).toContain('<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2406.50001">');
    expect(head).toContain('<meta name="citation_doi" content="10.1000/bridge.1">');
    expect(head).toMatch(/<meta name="citation_publication_date" content="\d{4}\/\d{2}\/\d{2}">/);
    expect(head).toContain(
      '<link rel="alternate" type="application/x-bibtex" title="BibTeX" href="/papers/2406.50001/cite.bib">',
    );
    expect(page).toContain('href="/papers/2406.50001/cite.ris"');
    expect((await anon.get('/papers/2406.50002')).body).not.toContain('citation_doi');
  });

  it('a public collection exports all its papers to anyone; a private one only to its owner', async () => {
    const res = await anon.get(`/collections/${publicId}/export.bib`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="collection-${publicId}.bib"`);
    expect(bibKeys(res.body).sort()).toEqual(['2406.50001', '2406.50002']);
    for (const client of [anon, bob]) {
      const refused = await client.get(`/collections/${privateId}/export.ris`);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('2406.50002');
    }
    const own = await ada.get(`/collections/${privateId}/export.csl.json`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-cache');
    expect((own.json() as Array<{ URL: string }>).map((i) => i.URL)).toEqual(['https://arxiv.org/abs/2406.50002']);
    expect((await anon.get('/collections/99999/export.bib')).statusCode).toBe(404);
    expect((await anon.get(`/collections/${publicId}`)).body).toContain(`href="/collections/${publicId}/export.bib"`);
  });

  it("an author's papers export from the author page's address; an unknown author is a 404", async () => {
    const page = await anon.get('/authors/paul-levy');
    expect(page.body).toContain('href="/authors/paul-levy/export.bib"');
    const res = await anon.get('/authors/paul-levy/export.bib');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TYPES.bib);
    expect(bibKeys(res.body).sort()).toEqual(['2406.50001', '2406.50002']);
    expect((await anon.get('/authors/nobody-at-all/export.bib')).statusCode).toBe(404);
  });

  it("a search exports the query's results, and the results page links to it", async () => {
    const page = await anon.get('/search?q=experts');
    expect(page.body).toContain('href="/search/export.bib?q=experts"');
    const res = await anon.get('/search/export.ris?q=experts');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(TYPES.ris);
    expect(res.headers['content-disposition']).toBe('attachment; filename="search.ris"');
    const items = parseRis(res.body.replace(/\r\n/g, '\n'));
    expect(items.map((i) => i.URL)).toEqual(['https://arxiv.org/abs/2406.50002']);
    expect((await anon.get('/search/export.bib?q=zzzznothing')).body).toBe('');
  });

  describe('import into a collection', () => {
    const zotero = [
      '@article{levy2024, title = {Schr\\"odinger bridges}, journal = {arXiv:2406.50001}}',
      '@misc{byDoi, title = {Found by DOI}, doi = {https://doi.org/10.1000/BRIDGE.1}}',
      '@misc{witten, title = {Old}, eprint = {hep-th/9901001v2}, archivePrefix = {arXiv}}',
      '@book{missing, title = {A book we do not have}}',
    ].join('\n');

    it('the owner sees the form; the import adds matched papers and names the unmatched ones', async () => {
      const { id } = (
        await ada.api('POST', '/api/v1/collections', { name: 'Imported', description: '', isPublic: true })
      ).json() as { id: number };
      expect((await ada.get(`/collections/${id}`)).body).toContain(`action="/collections/${id}/import"`);
      expect((await bob.get(`/collections/${id}`)).body).not.toContain(`/collections/${id}/import`);
      const res = await ada.post(`/collections/${id}/import`, { bibliography: zotero });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('2 papers added, 1 already in the collection, 1 entry not found here');
      expect(res.body).toContain('<code>missing</code> — A book we do not have');
      const items = await store.collections.items(id);
      expect(items.map((i) => i.paper.arxivId).sort()).toEqual(['2406.50001', 'hep-th/9901001']);
    });

    it('malformed BibTeX is a 400 on the form with the text kept, and changes nothing', async () => {
      const before = (await store.collections.items(publicId)).length;
      const broken = '@misc{a, eprint = {hep-th/9901001}}\n@misc{b, title = {never closed';
      const res = await ada.post(`/collections/${publicId}/import`, { bibliography: broken });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('That BibTeX could not be read');
      expect(res.body).toContain('never closed</textarea>');
      expect((await store.collections.items(publicId)).length).toBe(before);
      const oversized = await ada.post(`/collections/${publicId}/import`, {
        bibliography: `@misc{x, eprint = {hep-th/9901001}, note = {${'a'.repeat(1_000_001)}}}`,
      });
      expect(oversized.statusCode).toBe(413);
      expect(oversized.body).toContain('at most 1 MB');
      expect(oversized.body.length).toBeLessThan(500_000);
      expect((await store.collections.items(publicId)).length).toBe(before);
    });

    it("the form refuses a post without the CSRF token, and someone else's collection", async () => {
      const noToken = await ada.post(`/collections/${publicId}/import`, { bibliography: zotero, _csrf: '' });
      expect(noToken.statusCode).toBe(403);
      const notOwner = await bob.api('POST', `/api/v1/collections/${publicId}/import`);
      expect(notOwner.statusCode).toBe(403);
      const privateOfOthers = await bob.post(`/collections/${privateId}/import`, { bibliography: zotero });
      // Refused as every form refuses it: back with the collection's 404 message, nothing added.
      expect(privateOfOthers.statusCode).toBe(303);
      expect((await store.collections.items(privateId)).length).toBe(1);
    });

    it('the JSON route takes the file as a text body and answers what matched', async () => {
      const { id } = (
        await ada.api('POST', '/api/v1/collections', { name: 'Via API', description: '', isPublic: false })
      ).json() as { id: number };
      const ris =
        'TY  - JOUR\nID  - zot1\nTI  - Bridges\nUR  - http://arxiv.org/abs/2406.50001v1\nER  - \n\nTY  - BOOK\nID  - zot2\nTI  - Nothing\nER  - \n';
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/collections/${id}/import`,
        payload: ris,
        cookies: Object.fromEntries(ada.cookies),
        headers: { 'content-type': 'application/x-research-info-systems', 'x-csrf-token': await ada.csrf() },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        format: 'ris',
        added: [{ key: 'zot1', arxivId: '2406.50001' }],
        alreadyThere: [],
        unmatched: [{ key: 'zot2', title: 'Nothing' }],
      });
      const bad = await app.inject({
        method: 'POST',
        url: `/api/v1/collections/${id}/import`,
        payload: 'TY  - JOUR\nTI  - unterminated',
        cookies: Object.fromEntries(ada.cookies),
        headers: { 'content-type': 'text/plain', 'x-csrf-token': await ada.csrf() },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'citations.malformed' } });
      const huge = await app.inject({
        method: 'POST',
        url: `/api/v1/collections/${id}/import`,
        payload: `@misc{x, title = {${'a'.repeat(1_100_000)}}}`,
        cookies: Object.fromEntries(ada.cookies),
        headers: { 'content-type': 'text/plain', 'x-csrf-token': await ada.csrf() },
      });
      expect(huge.statusCode).toBe(413);
      expect((await store.collections.items(id)).map((i) => i.paper.arxivId)).toEqual(['2406.50001']);
      // A program with a write token: no cookie, no CSRF token.
      const { token } = await makeToken(store, { username: 'ada', scope: 'write' });
      const byToken = await app.inject({
        method: 'POST',
        url: `/api/v1/collections/${id}/import`,
        payload: '@misc{w, eprint = {hep-th/9901001}, archivePrefix = {arXiv}}',
        headers: { 'content-type': 'application/x-bibtex', authorization: `Bearer ${token}` },
      });
      expect(byToken.statusCode).toBe(200);
      expect(byToken.json()).toMatchObject({ format: 'bibtex', added: [{ key: 'w', arxivId: 'hep-th/9901001' }] });
      const anonymous = await app.inject({
        method: 'POST',
        url: `/api/v1/collections/${id}/import`,
        payload: '@misc{w, eprint = {2406.50002}}',
        headers: { 'content-type': 'application/x-bibtex' },
      });
      expect(anonymous.statusCode).toBe(401);
      const openapi = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toContain('/api/v1/collections/{id}/import');
    });
  });
});
