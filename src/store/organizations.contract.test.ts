import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { storeFactories } from '../../test/support/stores.js';
import type { Store } from './store.js';

// Organizations, attributions and author-set links on both dialects: what the use cases rely on the store for.
describe.each(storeFactories)('organizations and paper links on $dialect', (factory) => {
  let store: Store;
  let alice: number;
  let bob: number;
  const now = '2024-05-01T12:00:00.000Z';
  const audit = (actorId: number) => ({ actorId, action: 'test', reason: 'r' });

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name.replace(/[^a-z0-9]/gi, '').slice(0, 40));
    alice = await store.users.create({ username: 'alice' });
    bob = await store.users.create({ username: 'bob' });
  });
  afterEach(async () => {
    await store.close();
  });

  const paperId = async (arxivId: string) => (await store.papers.findByArxivId(arxivId))!.id;

  it('creating an organization makes its creator its admin, and a slug is taken once', async () => {
    const id = await store.organizations.create({ slug: 'lab', name: 'The Lab', description: '', userId: alice, now });
    expect(await store.organizations.roleOf(id, alice)).toBe('admin');
    expect(await store.organizations.roleOf(id, bob)).toBeNull();
    await expect(
      store.organizations.create({ slug: 'lab', name: 'Other', description: '', userId: bob, now }),
    ).rejects.toThrow();
    expect((await store.organizations.findBySlug('lab'))?.name).toBe('The Lab');
  });

  it('the last admin cannot be removed, a member can, and adding again changes the role', async () => {
    const id = await store.organizations.create({ slug: 'lab', name: 'The Lab', description: '', userId: alice, now });
    await store.organizations.putMember({ orgId: id, userId: bob, role: 'member', now });
    expect(await store.organizations.removeMember(id, alice)).toBe(false);
    await store.organizations.putMember({ orgId: id, userId: bob, role: 'admin', now });
    expect((await store.organizations.members(id)).map((m) => [m.username, m.role])).toEqual([
      ['alice', 'admin'],
      ['bob', 'admin'],
    ]);
    expect(await store.organizations.removeMember(id, alice)).toBe(true);
    expect(await store.organizations.removeMember(id, bob)).toBe(false);
    expect((await store.organizations.members(id)).map((m) => m.username)).toEqual(['bob']);
  });

  it("an organization's papers come newest first with badges, and a removed attribution is audited", async () => {
    await store.papers.upsertMany([
      makePaper({ arxivId: '2401.00001', publishedAt: '2024-01-01T00:00:00Z' }),
      makePaper({ arxivId: '2403.00001', publishedAt: '2024-03-01T00:00:00Z' }),
      makePaper({ arxivId: '2402.00001', publishedAt: '2024-02-01T00:00:00Z' }),
    ]);
    const id = await store.organizations.create({ slug: 'lab', name: 'The Lab', description: '', userId: alice, now });
    for (const a of ['2401.00001', '2403.00001']) {
      await store.organizations.attribute({ paperId: await paperId(a), orgId: id, userId: alice, now });
    }
    const page = await store.organizations.papers({ orgId: id, limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.paper.arxivId)).toEqual(['2403.00001', '2401.00001']);
    const badges = await store.organizations.badgesFor([await paperId('2401.00001'), await paperId('2402.00001')]);
    expect([...badges.values()]).toEqual([{ slug: 'lab', name: 'The Lab' }]);

    const before = await store.changes.current();
    const target = await paperId('2401.00001');
    expect(await store.organizations.removeAttribution({ paperId: target, audit: audit(bob), now })).toBe(true);
    expect(await store.organizations.removeAttribution({ paperId: target, audit: audit(bob), now })).toBe(false);
    expect(await store.changes.current()).toBeGreaterThan(before);
    const log = await store.audit.list({ limit: 5, offset: 0 });
    expect(log.map((e) => [e.action, e.targetType, e.targetId])).toEqual([['test', 'paper', String(target)]]);
  });

  it("author-set links replace the extracted ones, survive a re-harvest, and clearing them restores the abstract's", async () => {
    const extracted = { kind: 'github' as const, url: 'https://github.com/from/abstract' };
    const paper = makePaper({ arxivId: '2405.00001', links: [extracted] });
    await store.papers.upsertMany([paper]);
    const id = await paperId('2405.00001');
    const seqBefore = (await store.papers.findByArxivId('2405.00001'))!.changeSeq;
    const links = { codeUrl: 'https://gitlab.com/group/repo', projectUrl: null, extra: [] };
    await store.paperLinks.set({
      paperId: id,
      links,
      shown: { codeUrl: links.codeUrl, projectUrl: null },
      audit: audit(alice),
      now,
    });
    let stored = (await store.papers.findByArxivId('2405.00001'))!;
    expect(stored.codeUrl).toBe('https://gitlab.com/group/repo');
    expect(stored.changeSeq).toBeGreaterThan(seqBefore);

    // A new version from arXiv rewrites the row with the extracted links; the authors' choice stays.
    await store.papers.upsertMany([{ ...paper, version: 2, title: 'New title', links: [extracted] }]);
    stored = (await store.papers.findByArxivId('2405.00001'))!;
    expect(stored.title).toBe('New title');
    expect(stored.codeUrl).toBe('https://gitlab.com/group/repo');
    expect((await store.paperLinks.get(id))?.updatedBy).toBe('alice');

    const none = { codeUrl: null, projectUrl: null, extra: [] };
    await store.paperLinks.set({
      paperId: id,
      links: none,
      shown: { codeUrl: extracted.url, projectUrl: null },
      audit: audit(alice),
      now,
    });
    expect(await store.paperLinks.get(id)).toBeNull();
    await store.papers.upsertMany([{ ...paper, version: 3, title: 'Third', links: [extracted] }]);
    expect((await store.papers.findByArxivId('2405.00001'))!.codeUrl).toBe(extracted.url);
  });
});
