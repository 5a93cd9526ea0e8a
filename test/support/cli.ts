import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The published entry point, which runs the built CLI (the global setup builds dist/ first: test/support/build.ts). */
export const CLI_BIN = fileURLToPath(new URL('../../bin/dailypapers.js', import.meta.url));

/** Runs the real, built CLI in a child process, with an isolated environment. */
export function spawnCli(args: string[], env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DAILYPAPERS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return Object.assign(child, { output: () => output });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export async function runCli(args: string[], env: Record<string, string>) {
  const child = spawnCli(args, env);
  const { code } = await exitOf(child);
  return { code, output: child.output() };
}
