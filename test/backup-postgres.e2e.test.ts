import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { makePaper } from './support/papers.js';
import { createTestDatabase } from './support/postgres.js';
import { seedListed } from './support/seed.js';

// The PostgreSQL path of docs/operations.md ("Backup and restore"), run once against the test cluster with the
// same commands: pg_dump in the custom format, pg_restore into an empty database, then the app on the copy.
const PG_BIN = process.env.DAILYPAPERS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

describe('PostgreSQL backup with pg_dump and pg_restore', () => {
  it('restores every paper, listing, vote and account, and the change sequence continues', async () => {
    const sourceUrl = await createTestDatabase(inject('postgresUrl'), 'pg-backup-source');
    const targetUrl = await createTestDatabase(inject('postgresUrl'), 'pg-backup-target');
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-pg-backup-'));
    try {
      const source = await openStore({ databaseUrl: sourceUrl });
      const [first] = await seedListed(source, [
        { day: '2024-05-01', upvotes: 2, paper: { arxivId: '2405.01001' } },
        { day: '2024-05-02', paper: { arxivId: '2405.01002' } },
      ]);
      const seqBefore = await source.papers.maxChangeSeq();
      await source.close();

      const file = path.join(dir, 'dailypapers.dump');
      execFileSync(path.join(PG_BIN, 'pg_dump'), ['--format=custom', `--file=${file}`, sourceUrl]);
      expect(statSync(file).size).toBeGreaterThan(1000);
      execFileSync(path.join(PG_BIN, 'pg_restore'), ['--no-owner', `--dbname=${targetUrl}`, file]);

      const copy = await openStore({ databaseUrl: targetUrl, migrate: false });
      expect((await copy.health()).pendingMigrations).toEqual([]);
      expect(await copy.papers.count()).toBe(2);
      expect(await copy.users.findByUsername('voter2')).not.toBeNull();
      const day = await copy.listings.listRange({
        from: '2024-05-01',
        to: '2024-05-01',
        sort: 'upvotes',
        limit: 10,
        offset: 0,
      });
      expect(day.items.map((i) => [i.paper.id, i.listing.upvotes])).toEqual([[first, 2]]);
      await copy.papers.upsertMany([makePaper({ arxivId: '2405.01003' })]);
      expect(await copy.papers.maxChangeSeq()).toBe(seqBefore + 1);
      await copy.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
