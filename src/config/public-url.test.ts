import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { urlOfListenAddress, withPublicUrl } from './public-url.js';

describe('the derived public URL', () => {
  it('names localhost for loopback and wildcard interfaces, and the host itself otherwise', () => {
    for (const host of ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'])
      expect(urlOfListenAddress({ host, port: 3471 }), host).toBe('http://localhost:3471');
    expect(urlOfListenAddress({ host: '192.168.1.20', port: 8080 })).toBe('http://192.168.1.20:8080');
    expect(urlOfListenAddress({ host: 'fd00::5', port: 8080 })).toBe('http://[fd00::5]:8080');
    expect(urlOfListenAddress({ host: 'papers.lan', port: 80 })).toBe('http://papers.lan');
  });

  it('follows PORT when server.publicUrl is not set, and leaves a configured one alone', () => {
    const derived = withPublicUrl(loadConfig({ env: { PORT: '3471' }, file: undefined }));
    expect(derived.server.publicUrl).toBe('http://localhost:3471');
    const explicit = withPublicUrl(
      loadConfig({
        env: { PORT: '3471', DAILYPAPERS_SERVER_PUBLIC_URL: 'https://papers.example.org' },
        file: undefined,
      }),
    );
    expect(explicit.server.publicUrl).toBe('https://papers.example.org');
  });
});
