import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, runCli } from './support/cli.js';

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
  }, 180_000);

  it('shows the effective configuration with secrets redacted', async () => {
    const { code, output } = await runCli(['config', 'show'], {
      DATABASE_URL: 'postgres://u:topsecret@db/x',
      PORT: '4321',
    });
    expect(code).toBe(0);
    expect(output).toContain('server.port = 4321');
    expect(output).toContain('DAILYPAPERS_ARXIV_OAI_URL');
    expect(output).not.toContain('topsecret');
  }, 180_000);

  it('refuses a bad setting with exit code 2 and names it', async () => {
    const { code, output } = await runCli(['config', 'show'], { PORT: 'abc' });
    expect(code).toBe(2);
    expect(output).toContain('server.port');
  }, 180_000);

  it('refuses a common password given to user create on standard input, saying why, and creates nobody', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'dp-cli-user-'));
    const create = (password: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [CLI_BIN, 'user', 'create', 'root', '--email', 'root@example.org', '--password-stdin'],
          {
            cwd: fileURLToPath(new URL('../', import.meta.url)),
            env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DAILYPAPERS_LOG_LEVEL: 'warn', DAILYPAPERS_DATA: data },
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        );
        let output = '';
        child.stdout.on('data', (d) => {
          output += d;
        });
        child.stderr.on('data', (d) => {
          output += d;
        });
        child.on('exit', (code) => resolve({ code, output }));
        child.stdin.end(`${password}\n`);
      });
    const weak = await create('password');
    expect(weak.code).toBe(1);
    expect(weak.output).toContain('error: That password is on the list of the most common passwords');
    const ok = await create('the operator of this site');
    expect(ok.output).toContain('created user root');
    expect(ok.code).toBe(0);
  }, 180_000);
});
