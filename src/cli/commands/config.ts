import type { Command } from 'commander';
import { redactedConfig } from '../../config/config.js';
import { withPublicUrl } from '../../config/public-url.js';
import { loadCliConfig } from '../bootstrap.js';

export function registerConfigCommand(program: Command) {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('show')
    .description('print the effective configuration, secrets redacted')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      // The derived public URL is shown as `serve` will use it, not as the empty setting it is derived from.
      const rows = redactedConfig(withPublicUrl(loadCliConfig(program.opts())));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(Object.fromEntries(rows.map((r) => [r.path, r.value])), null, 2)}\n`);
        return;
      }
      for (const row of rows) {
        process.stdout.write(`${row.path} = ${JSON.stringify(row.value)}\n    ${row.env} — ${row.doc}\n`);
      }
    });
}
