import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { createTestDatabase } from './postgres.js';

export interface StoreFactory {
  dialect: 'sqlite' | 'postgres';
  open(name: string): Promise<Store>;
}

/** Both store implementations, so one contract suite runs against each (`describe.each(storeFactories)`). */
export const storeFactories: StoreFactory[] = [
  { dialect: 'sqlite', open: () => openStore({ sqliteFile: ':memory:' }) },
  {
    dialect: 'postgres',
    open: async (name) => openStore({ databaseUrl: await createTestDatabase(inject('postgresUrl'), name) }),
  },
];
