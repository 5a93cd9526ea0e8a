import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envNameOf, listSettings, loadConfig, redactedConfig } from './config.js';

describe('configuration', () => {
  it('names every environment variable DAILYPAPERS_ plus the setting path in upper snake case', () => {
    expect(envNameOf('arxiv.oaiUrl')).toBe('DAILYPAPERS_ARXIV_OAI_URL');
    expect(envNameOf('data')).toBe('DAILYPAPERS_DATA');
    expect(envNameOf('trending.halfLifeHours')).toBe('DAILYPAPERS_TRENDING_HALF_LIFE_HOURS');
  });

  it('gives every setting a doc line and a default that passes its own validation', () => {
    const defaults = loadConfig({ env: {} });
    for (const { path: p, setting } of listSettings()) {
      expect(setting.doc.length, p).toBeGreaterThan(5);
      expect(setting.schema.safeParse(setting.default).success, p).toBe(true);
    }
    expect(defaults.data).toBe('./data');
    expect(defaults.server.port).toBe(3000);
  });

  it('reads environment variables, their well-known aliases and typed values', () => {
    const config = loadConfig({
      env: {
        DAILYPAPERS_DATA: '/srv/papers',
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db/papers',
        DAILYPAPERS_LISTING_CATEGORIES: 'cs.CL, cs.LG',
        DAILYPAPERS_SERVER_TRUST_PROXY: 'yes',
      },
    });
    expect(config.data).toBe('/srv/papers');
    expect(config.server.port).toBe(8080);
    expect(config.database.url).toBe('postgres://u:p@db/papers');
    expect(config.listing.categories).toEqual(['cs.CL', 'cs.LG']);
    expect(config.server.trustProxy).toBe(true);
  });

  it('stops with a message naming the bad setting and where it came from', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/server\.port \(from PORT\)/);
    expect(() => loadConfig({ env: { DAILYPAPERS_ARXIV_REQUEST_DELAY_SECONDS: '0.2' } })).toThrow(
      /arxiv\.requestDelaySeconds.*at least 1 second/,
    );
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(/database\.url/);
  });

  it('takes a config file below the environment, and secrets from *_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-config-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ server: { port: 4000, host: '0.0.0.0' }, trending: { halfLifeHours: 12 } }));
    const secretFile = path.join(dir, 'secret');
    writeFileSync(secretFile, `${'s'.repeat(40)}\n`);
    const config = loadConfig({ file, env: { HOST: '127.0.0.2', DAILYPAPERS_SECRET_FILE: secretFile } });
    expect(config.server.port).toBe(4000);
    expect(config.server.host).toBe('127.0.0.2');
    expect(config.trending.halfLifeHours).toBe(12);
    expect(config.secret).toBe('s'.repeat(40));
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ file, env: {} })).toThrow(/Cannot read config file/);
  });

  it('redacts secrets when showing the configuration, keeping the database host visible', () => {
    const config = loadConfig({
      env: { DATABASE_URL: 'postgres://user:hunter2@db.example.org/papers', DAILYPAPERS_SECRET: 'k'.repeat(40) },
    });
    const shown = JSON.stringify(redactedConfig(config));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('k'.repeat(40));
    expect(shown).toContain('db.example.org');
  });

  it('disables a job when its cron variable is set but empty, for every cron setting, as the docs say', () => {
    const crons = listSettings().filter(({ path: p }) => /cron$/i.test(p));
    expect(crons.map((c) => c.path)).toEqual(
      expect.arrayContaining(['jobs.harvestCron', 'jobs.listingCron', 'jobs.digestCron', 'embeddings.cron']),
    );
    const config = loadConfig({ env: Object.fromEntries(crons.map((c) => [envNameOf(c.path), ''])) });
    for (const { path: p, setting } of crons) {
      const value = p.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);
      expect(setting.default, p).not.toBe('');
      expect(value, p).toBe('');
    }
    // Other settings still read an empty variable as "not set".
    expect(loadConfig({ env: { DAILYPAPERS_DATA: '' } }).data).toBe('./data');
  });

  it('refuses a cron expression that cannot run, naming the setting', () => {
    expect(() => loadConfig({ env: { DAILYPAPERS_JOBS_HARVEST_CRON: '61 * * * *' } })).toThrow(
      /jobs\.harvestCron \(from DAILYPAPERS_JOBS_HARVEST_CRON\): must be a cron expression/,
    );
    expect(loadConfig({ env: { DAILYPAPERS_JOBS_HARVEST_CRON: ' 0 4 * * 1 ' } }).jobs.harvestCron).toBe('0 4 * * 1');
  });
});
