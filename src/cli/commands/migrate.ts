import type { Command } from 'commander';
import { openConnectionForMigrate } from '../../store/index.js';
import { loadCliConfig } from '../bootstrap.js';

export function registerMigrateCommand(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations (serve also applies them at start-up)')
    .action(async () => {
      const config = loadCliConfig(program.opts());
      const applied = await openConnectionForMigrate(config);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    });
}
