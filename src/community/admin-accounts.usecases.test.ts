import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { createAccountAsOperator } from './admin-accounts.usecases.js';

// `dailypapers user create … --password-stdin` sets its password here; the CLI prints the message as "error: …".
describe('accounts created by the operator', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  const create = (password: string) =>
    createAccountAsOperator({ store, username: 'root', email: 'root@example.org', password, role: 'admin' });

  it('refuses a common password or one repeated character, saying why, and creates nothing', async () => {
    await expect(create('password')).rejects.toThrow(/most common passwords/);
    await expect(create('        ')).rejects.toThrow(/one character repeated/);
    await expect(create('short')).rejects.toThrow('Passwords have at least 8 characters.');
    expect(await store.users.findByUsername('root')).toBeNull();
  });

  it('accepts a passphrase with no digits or symbols', async () => {
    await create('the operator of this site');
    expect((await store.users.findByUsername('root'))?.role).toBe('admin');
  });
});
