import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { openConnectionForMigrate } from '../../store/index.js';
import { inspectSqliteBackup, restoreSqlite, sqliteTargetState } from '../../store/sqlite-backup.js';
import { CliExit, loadCliConfig } from '../bootstrap.js';
import { runningServer } from '../serve-marker.js';

const PG_RESTORE_HINT =
  'On PostgreSQL use pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE (see docs/operations.md).';

export function registerRestoreCommand(program: Command) {
  program
    .command('restore')
    .argument('<file>', 'a backup written by `dailypapers backup` (or any copy of a dailypapers SQLite database)')
    .option('--force', 'replace a database that holds data (it is kept beside as dailypapers.db.before-restore-…)')
    .description('put a backup in place of the SQLite database (the server must be stopped); migrates an older one')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadCliConfig(program.opts());
      if (config.database.url)
        throw new CliExit(2, `error: restore writes the embedded SQLite store. ${PG_RESTORE_HINT}`);
      const backup = inspectSqliteBackup(file);
      if (!backup.ok) throw new CliExit(1, `error: refusing to restore: ${backup.reason}`);
      const pid = runningServer(config.data);
      if (pid !== null)
        throw new CliExit(1, `error: dailypapers serve (pid ${pid}) is running on ${config.data}; stop it first`);
      const target = path.join(config.data, 'dailypapers.db');
      const state = sqliteTargetState(target);
      if (state.state === 'in-use') throw new CliExit(1, `error: ${target} is in use: ${state.detail}; stop it first`);
      if (state.state === 'holds-data' && !opts.force)
        throw new CliExit(1, `error: ${target} holds ${state.detail}; pass --force to replace it (it is kept beside)`);
      const { kept } = await restoreSqlite({ backup: file, target, now: new Date() });
      // The search index follows the store by sequence numbers; those of another database would skip changes.
      // It is derived: removed here, it is rebuilt from the store on the next start (or by `dailypapers reindex`).
      for (const name of readdirSync(config.data).filter((n) => n.startsWith('search.db')))
        rmSync(path.join(config.data, name), { force: true, recursive: true });
      const migrated = await openConnectionForMigrate(config);
      process.stdout.write(
        [
          `restored ${backup.papers} papers and ${backup.users} accounts from ${file} into ${target}`,
          ...(kept ? [`the replaced database is kept as ${kept}`] : []),
          ...(migrated.length ? [`migrated: ${migrated.join(', ')}`] : []),
          'the search index is rebuilt from the store when the server starts (or run `dailypapers reindex`)',
          '',
        ].join('\n'),
      );
    });
}
