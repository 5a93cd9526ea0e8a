import { Command } from 'commander';
import { reportFailure } from './bootstrap.js';
import { registerBackupCommand } from './commands/backup.js';
import { registerConfigCommand } from './commands/config.js';
import { registerDigestCommand } from './commands/digest.js';
import { registerEmbedCommand } from './commands/embed.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerFetchCommand } from './commands/fetch.js';
import { registerHarvestCommand } from './commands/harvest.js';
import { registerImportCommand } from './commands/import.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerModelsCommand } from './commands/models.js';
import { registerReindexCommand } from './commands/reindex.js';
import { registerRestoreCommand } from './commands/restore.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommand } from './commands/user.js';

export function buildProgram(): Command {
  const program = new Command('dailypapers')
    .description('A self-hostable, community-curated daily feed of arXiv papers.')
    .option('-c, --config <file>', 'JSON config file (default: $DAILYPAPERS_CONFIG or ./dailypapers.config.json)')
    .option('-d, --data <dir>', 'data directory (default: $DAILYPAPERS_DATA or ./data)')
    .showHelpAfterError();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerImportCommand(program);
  registerHarvestCommand(program);
  registerFetchCommand(program);
  registerJobsCommand(program);
  registerDigestCommand(program);
  registerReindexCommand(program);
  registerEvalCommand(program);
  registerEmbedCommand(program);
  registerModelsCommand(program);
  registerUserCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerConfigCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportFailure(error);
  });
