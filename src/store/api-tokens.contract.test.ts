import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../test/support/stores.js';
import { isUniqueViolation } from './sql-helpers.js';
import type { Store } from './store.js';

describe.each(storeFactories)('API token store contract on $dialect', (factory) => {
  let store: Store;
  let alice: number;
  let bob: number;
  const t0 = '2024-05-01T10:00:00.000Z';
  const token = (userId: number, tokenHash: string, scope: 'read' | 'write' = 'read', now = t0) =>
    store.apiTokens.create({ userId, name: `token ${tokenHash}`, tokenHash, hint: 'dp_abcdef', scope, now });

  beforeEach(async (ctx) => {
    store = await factory.open(ctx.task.name);
    alice = await store.users.create({ username: 'alice', email: 'alice@example.org' });
    bob = await store.users.create({ username: 'bob', email: 'bob@example.org' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('finds a token by its hash together with its owner, and nothing for an unknown hash', async () => {
    const id = await token(alice, 'h-alice', 'write');
    const found = await store.apiTokens.findByHash('h-alice');
    expect(found?.token).toEqual({
      id,
      userId: alice,
      name: 'token h-alice',
      hint: 'dp_abcdef',
      scope: 'write',
      createdAt: t0,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(found?.user).toMatchObject({ id: alice, username: 'alice', suspendedAt: null, role: 'user' });
    expect(await store.apiTokens.findByHash('h-nobody')).toBeNull();
  });

  it('refuses a second token with the same hash', async () => {
    await token(alice, 'same');
    await expect(token(bob, 'same')).rejects.toSatisfy(isUniqueViolation);
  });

  it("lists a user's active tokens newest first and counts them, never another user's", async () => {
    const older = await token(alice, 'a1', 'read', '2024-05-01T10:00:00.000Z');
    const newer = await token(alice, 'a2', 'write', '2024-05-02T10:00:00.000Z');
    await token(bob, 'b1');
    expect((await store.apiTokens.listByUser(alice, { includeRevoked: false })).map((t) => t.id)).toEqual([
      newer,
      older,
    ]);
    expect(await store.apiTokens.countActive(alice)).toBe(2);
    expect(await store.apiTokens.countActive(bob)).toBe(1);
  });

  it('revokes only the owner’s active token, once, and keeps the row so the hash still resolves', async () => {
    const id = await token(alice, 'a1');
    expect(await store.apiTokens.revoke(id, bob, '2024-05-03T00:00:00.000Z')).toBe(false);
    expect(await store.apiTokens.revoke(id, alice, '2024-05-03T00:00:00.000Z')).toBe(true);
    expect(await store.apiTokens.revoke(id, alice, '2024-05-04T00:00:00.000Z')).toBe(false);
    expect((await store.apiTokens.findByHash('a1'))?.token.revokedAt).toBe('2024-05-03T00:00:00.000Z');
    expect(await store.apiTokens.listByUser(alice, { includeRevoked: false })).toEqual([]);
    expect(await store.apiTokens.listByUser(alice, { includeRevoked: true })).toHaveLength(1);
    expect(await store.apiTokens.countActive(alice)).toBe(0);
  });

  it('records when a token was last used', async () => {
    const id = await token(alice, 'a1');
    await store.apiTokens.touch(id, '2024-05-05T12:34:56.000Z');
    expect((await store.apiTokens.findByHash('a1'))?.token.lastUsedAt).toBe('2024-05-05T12:34:56.000Z');
  });

  it('reads an unknown scope as read-only, so a damaged row never widens a token', async () => {
    await store.connection.db
      .insertInto('api_tokens')
      .values({ user_id: alice, name: 'odd', token_hash: 'odd', hint: 'dp_', scope: 'admin', created_at: t0 })
      .execute();
    expect((await store.apiTokens.findByHash('odd'))?.token.scope).toBe('read');
  });
});
