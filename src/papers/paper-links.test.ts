import { describe, expect, it } from 'vitest';
import { linkHost } from './paper-links.models.js';
import { checkHttpsUrl } from './paper-links.schemas.js';

describe('author-set link checks', () => {
  it('recognises known hosts and their sub-domains, never a look-alike', () => {
    const cases: Array<[string, string]> = [
      ['https://github.com/a/b', 'github'],
      ['https://gist.github.com/a/1', 'github'],
      ['https://ada.github.io/engine', 'github'],
      ['https://huggingface.co/datasets/a/b', 'huggingface'],
      ['https://hf.co/a/b', 'huggingface'],
      ['https://zenodo.org/records/1', 'zenodo'],
      ['https://colab.research.google.com/drive/x', 'colab'],
      ['https://evilgithub.com/a/b', 'other'],
      ['https://huggingface.co.evil.example/a', 'other'],
      ['https://gitlab.example.org/a/b', 'other'],
    ];
    for (const [url, host] of cases) expect(linkHost(url), url).toBe(host);
  });

  it('accepts https URLs only, normalised, and says why anything else is refused', () => {
    expect(checkHttpsUrl('HTTPS://GitHub.com/a/b')).toEqual({ url: 'https://github.com/a/b' });
    expect(checkHttpsUrl('https://example.org/a b')).toEqual({ problem: expect.stringMatching(/spaces/) });
    expect(checkHttpsUrl('JavaScript:alert(1)')).toEqual({ problem: expect.stringMatching(/"javascript:"/) });
    expect(checkHttpsUrl('vbscript:x')).toEqual({ problem: expect.stringMatching(/"vbscript:"/) });
    expect(checkHttpsUrl('https://[::1]/x')).toEqual({ problem: expect.stringMatching(/public host/) });
    expect(checkHttpsUrl('//github.com/a/b')).toEqual({ problem: expect.stringMatching(/start with https/) });
  });
});
