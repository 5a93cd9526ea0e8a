import { Command } from 'commander';
import { reportFailure } from './bootstrap.js';
import { registerConfigCommand } from './commands/config.js';
import { registerFetchCommand } from './commands/fetch.js';
import { registerHarvestCommand } from './commands/harvest.js';
import { registerImportCommand } from './commands/import.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerServeCommand } from './commands/serve.js';

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
  registerConfigCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportFailure(error);
  });
