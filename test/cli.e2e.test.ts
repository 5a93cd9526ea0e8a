import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

describe('the dailypapers command', () => {
  it('lists every subcommand in --help', async () => {
    const { code, output } = await runCli(['--help'], {});
    expect(code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'import',
      'harvest',
      'fetch',
      'jobs',
      'reindex',
      'eval',
      'user',
      'digest',
      'config',
      'backup',
      'restore',
    ]) {
      expect(output, command).toMatch(new RegExp(`\\n\\s+${command}\\b`));
    }
  }, 30_000);

  it('shows the effective configuration with secrets redacted', async () => {
    const { code, output } = await runCli(['config', 'show'], {
      DATABASE_URL: 'postgres://u:topsecret@db/x',
      PORT: '4321',
    });
    expect(code).toBe(0);
    expect(output).toContain('server.port = 4321');
    expect(output).toContain('DAILYPAPERS_ARXIV_OAI_URL');
    expect(output).not.toContain('topsecret');
  }, 30_000);

  it('refuses a bad setting with exit code 2 and names it', async () => {
    const { code, output } = await runCli(['config', 'show'], { PORT: 'abc' });
    expect(code).toBe(2);
    expect(output).toContain('server.port');
  }, 30_000);
});
