import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckedResponse, createOpenApiValidator } from '../../../test/api/openapi-validator.js';
import { buildTestApp } from '../../../test/support/app.js';
import { makePaper } from '../../../test/support/papers.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { makeToken, withToken } from '../api/tokens.test-utils.js';
import { makeUser, TestClient } from './community.test-utils.js';

const json = { accept: 'application/json' };
const EXTRACTED = 'https://github.com/from/abstract';

// Links authors set, over a real server and store: who may set them (verified authors, moderators), how hostile
// or malformed URLs are refused, the audit trail, the abstract's links as the default, the hub-shaped API and
// every place the shown links appear (paper page, anonymous cached page, card, HF-shaped API).
describe('links authors can edit', () => {
  let store: Store;
  let app: FastifyInstance;
  let problemsOf: (r: CheckedResponse) => string[];
  let syncSearch: () => Promise<void>;
  const users: Record<string, TestClient> = {};
  const ids: Record<string, number> = {};
  const today = todayUtc();
  const api = (client: TestClient, body: object, id = '2406.00001') =>
    client.api('POST', `/api/papers/${id}/links`, body);
  const documented = (url: string, res: LightMyRequestResponse) =>
    problemsOf({ method: 'POST', url, statusCode: res.statusCode, headers: res.headers, body: res.body });

  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    ({ app, syncSearch } = await buildTestApp({
      store,
      env: { DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org' },
    }));
    for (const [name, role] of [
      ['author', 'user'],
      ['claimant', 'user'],
      ['stranger', 'user'],
      ['mod', 'moderator'],
    ] as const) {
      ids[name] = await makeUser(store, { username: name, role });
      users[name] = new TestClient(app);
      await users[name].signIn(name);
    }
    const abstract = `We release code at ${EXTRACTED} for all.`;
    await store.papers.upsertMany([
      makePaper({ arxivId: '2406.00001', abstract, links: [{ kind: 'github', url: EXTRACTED }] }),
      makePaper({ arxivId: 'hep-th/9901001' }),
    ]);
    const paper = (await store.papers.findByArxivId('2406.00001'))!;
    await store.listings.add({
      paperId: paper.id,
      listedOn: today,
      submittedBy: null,
      createdAt: `${today}T01:00:00Z`,
    });
    const approved = await store.claims.create({
      paperId: paper.id,
      userId: ids.author!,
      authorName: 'Ada Lovelace',
      now: today,
    });
    await store.moderation.decideClaim({
      claimId: approved,
      status: 'approved',
      actorId: ids.mod!,
      reason: null,
      now: today,
    });
    // A claim still pending gives no right to edit.
    await store.claims.create({ paperId: paper.id, userId: ids.claimant!, authorName: 'Alan Turing', now: today });
    problemsOf = createOpenApiValidator((await app.inject('/api/openapi.json')).json());
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('only a verified author or a moderator may set links; others get 403 and nothing changes', async () => {
    for (const who of ['stranger', 'claimant'] as const) {
      const res = await api(users[who]!, { githubRepo: 'https://github.com/evil/repo' });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('paper_links.forbidden');
      expect(documented('/api/papers/2406.00001/links', res)).toEqual([]);
    }
    const anonymous = await new TestClient(app).api('POST', '/api/papers/2406.00001/links', { githubRepo: null });
    expect(anonymous.statusCode).toBe(401);
    const form = await users.stranger!.post(
      '/papers/2406.00001/links',
      { codeUrl: 'https://github.com/evil/repo' },
      json,
    );
    expect(form.statusCode).toBe(403);
    expect((await store.papers.findByArxivId('2406.00001'))!.codeUrl).toBe(EXTRACTED);
    expect(await store.paperLinks.get((await store.papers.findByArxivId('2406.00001'))!.id)).toBeNull();
  });

  it('refuses hostile and malformed URLs with a message that says why', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ githubRepo: 'javascript:alert(1)' }, /"javascript:" links are refused/],
      [{ projectPage: 'data:text/html,<script>alert(1)</script>' }, /"data:" links are refused/],
      [{ githubRepo: 'http://github.com/a/b' }, /Only https:\/\/ links/],
      [{ githubRepo: 'github.com/a/b' }, /links start with https:\/\//],
      [{ githubRepo: 'https://user:pw@github.com/a/b' }, /user name or password/],
      [{ githubRepo: 'https://localhost/a' }, /not a public host name/],
      [{ githubRepo: `https://github.com/${'a'.repeat(600)}` }, /at most 500 characters/],
      [{ links: [{ kind: 'dataset', url: 'https://huggingface.co/datasets/a/b\nfoo' }] }, /spaces or control/],
      [{ links: [{ kind: 'weights', url: 'https://huggingface.co/a/b' }] }, /./],
      [{ links: Array.from({ length: 11 }, () => ({ kind: 'demo', url: 'https://x.example/a' })) }, /At most 10/],
      [{ githubRepo: 'https://github.com/a/b', extra: 1 }, /./],
    ];
    for (const [body, message] of cases) {
      const res = await api(users.author!, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message, JSON.stringify(body)).toMatch(message);
      expect(documented('/api/papers/2406.00001/links', res)).toEqual([]);
    }
    const form = await users.author!.post('/papers/2406.00001/links', { codeUrl: 'javascript:alert(1)' }, json);
    expect(form.statusCode).toBe(400);
    expect(form.json().error.code).toBe('paper_links.invalid');
    // Without JavaScript the refusal comes back as a message on the paper page.
    const browser = await users.author!.post('/papers/2406.00001/links', { model: 'https://ok.example/a\nftp://x/y' });
    expect(browser.statusCode).toBe(303);
    expect((await users.author!.follow(browser)).body).toContain('&quot;ftp:&quot; links are refused');
    expect(await store.paperLinks.get((await store.papers.findByArxivId('2406.00001'))!.id)).toBeNull();
  });

  it('an author sets the links through the hub-shaped API; every page and API shows them, and the change is logged', async () => {
    const cachedBefore = await app.inject('/papers/2406.00001');
    expect(cachedBefore.body).toContain(`href="${EXTRACTED}"`);
    const res = await api(users.author!, {
      githubRepo: 'https://github.com/ada/engine',
      projectPage: 'https://ada.github.io/engine',
      links: [
        { kind: 'dataset', url: 'https://huggingface.co/datasets/ada/notes' },
        { kind: 'demo', url: 'https://demo.example.org/engine' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(documented('/api/papers/2406.00001/links', res)).toEqual([]);
    expect(res.json()).toEqual({
      id: '2406.00001',
      githubRepo: 'https://github.com/ada/engine',
      projectPage: 'https://ada.github.io/engine',
      links: [
        { kind: 'dataset', url: 'https://huggingface.co/datasets/ada/notes', host: 'huggingface' },
        { kind: 'demo', url: 'https://demo.example.org/engine', host: 'other' },
      ],
      changed: true,
    });
    const page = await app.inject('/papers/2406.00001');
    expect(page.body).toContain('href="https://github.com/ada/engine"');
    expect(page.body).not.toContain(`href="${EXTRACTED}"`);
    expect(page.body).toContain(
      'href="https://huggingface.co/datasets/ada/notes" rel="noopener nofollow ugc" data-host="huggingface"',
    );
    expect(page.body).toContain('Demo</a> <small class="muted">demo.example.org</small>');
    const daily = await app.inject(`/?date=${today}`);
    expect(daily.body).toContain('class="badge badge-code" href="https://github.com/ada/engine"');
    const hf = (await app.inject('/api/papers/2406.00001')).json();
    expect(hf.githubRepo).toBe('https://github.com/ada/engine');
    expect(hf.projectPage).toBe('https://ada.github.io/engine');

    const [entry] = await store.audit.list({ limit: 1, offset: 0 });
    expect(entry).toMatchObject({ actor: 'author', action: 'paper.links', targetType: 'paper' });
    expect(entry!.reason).toBe(
      '2406.00001: code: (from the abstract) → https://github.com/ada/engine; project: (from the abstract) → ' +
        'https://ada.github.io/engine; +dataset https://huggingface.co/datasets/ada/notes; +demo https://demo.example.org/engine',
    );
    // Sending the same links again changes nothing and logs nothing.
    const again = await api(users.author!, { githubRepo: 'https://github.com/ada/engine' });
    expect(again.json().changed).toBe(false);
    expect((await store.audit.list({ limit: 5, offset: 0 })).filter((e) => e.action === 'paper.links')).toHaveLength(1);
  });

  it('a moderator edits through the form; clearing the code link brings back the abstract’s', async () => {
    const form = await users.mod!.post('/papers/2406.00001/links', {
      codeUrl: '',
      projectUrl: 'https://ada.github.io/engine',
      dataset: 'https://huggingface.co/datasets/ada/notes',
      model: '',
      demo: '',
    });
    expect(form.statusCode).toBe(303);
    const page = await users.mod!.follow(form);
    expect(page.body).toContain('The links are saved.');
    expect(page.body).toContain(`href="${EXTRACTED}"`);
    expect(page.body).not.toContain('demo.example.org');
    const [entry] = await store.audit.list({ limit: 1, offset: 0 });
    expect(entry!.reason).toBe(
      '2406.00001: code: https://github.com/ada/engine → (from the abstract); -demo https://demo.example.org/engine',
    );
    expect(entry!.actor).toBe('mod');
  });

  it('works with a write token, for old-style ids too, and needs the CSRF token with a session', async () => {
    // The search index re-reads the paper after a change: it has code once an author sets a code link.
    const hasCode = async () => {
      await syncSearch();
      const found = await app.inject('/api/v1/search?q=study&has_code=true&limit=50');
      return (found.json().items as Array<{ paper: { id: string } }>).map((i) => i.paper.id);
    };
    const { token } = await makeToken(store, { username: 'mod', scope: 'write' });
    expect(await hasCode()).not.toContain('hep-th/9901001');
    const res = await withToken(app, token, 'POST', '/api/papers/hep-th/9901001/links', {
      githubRepo: 'https://gitlab.com/group/sub/repo',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().githubRepo).toBe('https://gitlab.com/group/sub/repo');
    expect(await hasCode()).toContain('hep-th/9901001');
    // HF's githubRepo names GitHub repositories only; a GitLab one is shown on the page but not there.
    expect((await app.inject('/api/papers/hep-th/9901001')).json().githubRepo).toBeUndefined();
    const forged = await users.author!.api(
      'POST',
      '/api/papers/2406.00001/links',
      { githubRepo: null },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf.invalid');
    const form = await users.author!.post('/papers/2406.00001/links', { codeUrl: '', _csrf: '' }, json);
    expect(form.json().error.code).toBe('csrf.invalid');
  });

  it('the form is shown to verified authors and moderators only', async () => {
    expect((await users.author!.get('/papers/2406.00001')).body).toContain('Edit links');
    expect((await users.mod!.get('/papers/2406.00001')).body).toContain('Edit links');
    expect((await users.stranger!.get('/papers/2406.00001')).body).not.toContain('Edit links');
    expect((await users.claimant!.get('/papers/2406.00001')).body).not.toContain('Edit links');
  });
});
