import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import type { Viewer } from '../community/viewer.models.js';
import { openStore, type Store } from '../store/store.js';
import { followersOfAuthors, followTarget } from './follows.usecases.js';

// The use cases over a real (in-memory) store: what the notification job will call, and the rules of following.
describe('follow use cases', () => {
  let store: Store;
  const viewer = (id: number, username: string): Viewer => ({
    id,
    username,
    role: 'user',
    emailVerified: false,
    suspended: false,
  });
  let ada: Viewer;
  let bob: Viewer;

  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await store.papers.upsertMany([makePaper({ authors: [{ name: "Paul L\\'evy" }, { name: 'Ada Lovelace' }] })]);
    ada = viewer(await store.users.create({ username: 'ada' }), 'ada');
    bob = viewer(await store.users.create({ username: 'bob' }), 'bob');
  });
  afterEach(async () => {
    await store.close();
  });

  it('tells the notification job who follows which of a paper’s authors, whatever spelling it is given', async () => {
    // An unverified account may follow: following is private and mails nobody.
    await followTarget({ store, viewer: ada, target: { kind: 'author', key: 'Paul Lévy' } });
    await followTarget({ store, viewer: bob, target: { kind: 'author', key: 'paul-levy' } });
    await followTarget({ store, viewer: bob, target: { kind: 'author', key: 'Ada Lovelace' } });
    const followers = await followersOfAuthors({ store, authorKeys: ['PAUL LEVY', 'ada-lovelace', 'alan-turing'] });
    expect(Object.fromEntries(followers)).toEqual({
      'paul-levy': [ada.id, bob.id],
      'ada-lovelace': [bob.id],
    });
    expect((await followersOfAuthors({ store, authorKeys: [] })).size).toBe(0);
  });

  it('stores a category in arXiv’s casing, so two spellings are one follow', async () => {
    expect((await followTarget({ store, viewer: ada, target: { kind: 'category', key: 'cs.lg' } })).created).toBe(true);
    const again = await followTarget({ store, viewer: ada, target: { kind: 'category', key: 'CS.LG' } });
    expect(again).toEqual({ target: { kind: 'category', key: 'cs.LG' }, created: false });
    await expect(
      followTarget({ store, viewer: ada, target: { kind: 'category', key: 'cs LG; drop' } }),
    ).rejects.toMatchObject({
      code: 'follows.invalid_input',
    });
  });

  it('refuses anonymous callers', async () => {
    await expect(
      followTarget({ store, viewer: null, target: { kind: 'category', key: 'cs.LG' } }),
    ).rejects.toMatchObject({
      code: 'auth.required',
    });
  });
});
