// The real `serve` command in a child process on a port the OS picks, offline (arXiv points at a closed loopback
// port), with a throwaway data directory. Resolves once it printed its start-up lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exitOf, spawnCli } from './cli.js';

const OFFLINE = {
  DAILYPAPERS_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
  DAILYPAPERS_ARXIV_API_URL: 'http://127.0.0.1:9/api',
  DAILYPAPERS_ARXIV_LISTING_URL: 'http://127.0.0.1:9/rss',
};

export type RunningServe = Awaited<ReturnType<typeof startServe>>;

/** Starts `serve` and waits for its start-up lines; resolves with the printed public URL. */
export async function startServe(env: Record<string, string>, args: string[] = ['--no-demo']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dp-serve-'));
  // Info level: the JSON "listening on" line names the bound address.
  const child = spawnCli(['serve', ...args], {
    DAILYPAPERS_DATA: dir,
    DAILYPAPERS_LOG_LEVEL: 'info',
    ...OFFLINE,
    ...env,
  });
  const fail = (why: string) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    return new Error(`${why}: ${child.output()}`);
  };
  const deadline = Date.now() + 90_000;
  const printed = () => child.output().match(/dailypapers: open (\S+)/);
  const listened = () => child.output().match(/listening on (http:\/\/[^"\s]+)/);
  // Two pipes (the JSON log on stdout, the plain lines on stderr) arrive in either order: wait for both.
  while (!(printed() && listened()) && Date.now() < deadline) {
    if (child.exitCode !== null) throw fail('serve exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  const match = printed();
  if (!match) throw fail('serve printed no URL');
  const listening = listened();
  if (!listening) throw fail('serve logged no address');
  return {
    publicUrl: match[1]!,
    /** Where to connect (the bound address, 127.0.0.1 here), whatever the public URL says. */
    address: listening[1]!,
    output: () => child.output(),
    async stop() {
      child.kill('SIGTERM');
      await exitOf(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
