// `serve` without server.publicUrl: every absolute link follows the port the server really listens on (here a
// port chosen by the OS, PORT=0), and an explicit publicUrl still wins. The real CLI, over loopback.
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServe, startServe } from './support/serve.js';

describe('links when serve derives the public URL', () => {
  let server: RunningServe | undefined;
  afterAll(async () => server?.stop());

  it('uses the real port in feeds, canonical links, the HF API and the OpenAPI servers, and prints it', async () => {
    // With the bundled demo, so that feeds and the HF-shaped API have items.
    server = await startServe({ PORT: '0' }, []);
    const port = new URL(server.address).port;
    expect(Number(port)).toBeGreaterThan(0);
    expect(server.publicUrl).toBe(`http://localhost:${port}`);
    expect(server.output()).toContain('(server.publicUrl, derived from the listen address)');
    expect(server.output()).toContain('mail: off, no mail is sent (set mail.smtpUrl, or mail.transport=file');
    const origin = server.publicUrl;

    const openapi = (await (await fetch(`${server.address}/api/openapi.json`)).json()) as {
      servers: Array<{ url: string }>;
    };
    expect(openapi.servers).toEqual([{ url: origin }]);

    const home = await (await fetch(`${server.address}/`)).text();
    expect(home).toContain(`<link rel="canonical" href="${origin}/`);
    // The demo's cards carry keywords soon after start, not only after the keywords job's first cron run.
    await expect
      .poll(
        async () => (await (await fetch(`${server!.address}/`)).text()).includes('class="chip-list keyword-chips"'),
        {
          timeout: 120_000,
          interval: 500,
        },
      )
      .toBe(true);

    const daily = (await (await fetch(`${server.address}/api/daily_papers?limit=5`)).json()) as Array<{
      submittedBy: { avatarUrl: string };
    }>;
    expect(daily.length).toBeGreaterThan(0);
    for (const item of daily) expect(item.submittedBy.avatarUrl).toBe(`${origin}/static/favicon.svg`);

    for (const feed of ['/feeds/daily.rss', '/feeds/trending.atom']) {
      const xml = await (await fetch(`${server.address}${feed}`)).text();
      // The feed's own links and ids (not the arXiv links inside item descriptions).
      const own =
        /<(?:atom:)?link\b[^>]*\bhref="(https?:\/\/[^"]+)"|<link>(https?:\/\/[^<]+)<|<id>(https?:\/\/[^<]+)<|<guid[^>]*>(https?:\/\/[^<]+)</g;
      const urls = [...xml.matchAll(own)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
      expect(urls.length, feed).toBeGreaterThan(2);
      for (const url of urls) expect(url.startsWith(`${origin}/`) || url === origin, `${feed}: ${url}`).toBe(true);
    }
  }, 300_000);

  it('keeps an explicitly configured public URL, and names the file transport', async () => {
    const explicit = await startServe({
      PORT: '0',
      DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org',
      DAILYPAPERS_MAIL_TRANSPORT: 'file',
    });
    try {
      expect(explicit.publicUrl).toBe('https://papers.example.org');
      expect(explicit.output()).not.toContain('derived from the listen address');
      expect(explicit.output()).toMatch(/mail: written as \.eml files to \S+\/mail and delivered to nobody/);
      const openapi = (await (await fetch(`${explicit.address}/api/openapi.json`)).json()) as {
        servers: Array<{ url: string }>;
      };
      expect(openapi.servers).toEqual([{ url: 'https://papers.example.org' }]);
    } finally {
      await explicit.stop();
    }
  }, 300_000);
});
