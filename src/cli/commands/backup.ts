import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { backupSqlite } from '../../store/sqlite-backup.js';
import { CliExit, loadCliConfig } from '../bootstrap.js';

export const PG_BACKUP_HINT =
  'On PostgreSQL use its own tools: pg_dump --format=custom --file=FILE "$DATABASE_URL" to back up, and pg_restore (see docs/operations.md).';

export function registerBackupCommand(program: Command) {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (one SQLite file)')
    .option('--force', 'overwrite FILE if it exists')
    .description('copy the SQLite database to FILE, consistently, while the server keeps running')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadCliConfig(program.opts());
      if (config.database.url)
        throw new CliExit(2, `error: backup copies the embedded SQLite store. ${PG_BACKUP_HINT}`);
      const source = path.join(config.data, 'dailypapers.db');
      if (!existsSync(source)) throw new CliExit(1, `error: there is no database at ${source}`);
      const destination = path.resolve(file);
      if (destination === path.resolve(source)) throw new CliExit(2, 'error: FILE must not be the database itself');
      if (existsSync(destination) && !opts.force)
        throw new CliExit(1, `error: ${file} exists; choose another name or pass --force to overwrite it`);
      const r = await backupSqlite({ source, destination });
      process.stdout.write(
        `backed up ${r.papers} papers and ${r.users} accounts (schema ${r.schemaVersion}) to ${file}: ${(r.bytes / 2 ** 20).toFixed(1)} MiB in ${r.seconds.toFixed(1)} s\n`,
      );
    });
}
