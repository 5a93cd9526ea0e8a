import { describe, expect, it } from 'vitest';
import { authorKey, authorPath } from './author-key.js';

describe('author keys', () => {
  it('fold case, accents, TeX accents and punctuation into one slug', () => {
    for (const name of [
      'Frédéric Lagoutière',
      'FREDERIC LAGOUTIERE',
      "Fr\\'ed\\'eric Lagouti\\`ere",
      ' Frédéric  Lagoutière. ',
    ])
      expect(authorKey(name)).toBe('frederic-lagoutiere');
  });

  it('keep initials apart from full names and fold letters that have no decomposition', () => {
    expect(authorKey('F. Lagoutière')).toBe('f-lagoutiere');
    expect(authorKey('Søren Løvstrup')).toBe('soren-lovstrup');
    expect(authorKey('Łukasz Kaiser')).toBe('lukasz-kaiser');
    expect(authorKey('Jean-Luc Straß')).toBe('jean-luc-strass');
  });

  it('keep non-Latin scripts and give no key to a name without letters', () => {
    expect(authorKey('张 伟')).toBe('张-伟');
    expect(authorPath('张 伟')).toBe(`/authors/${encodeURIComponent('张-伟')}`);
    expect(authorKey(' -- ')).toBe('');
  });

  it('fold plain ASCII names to the key the full Unicode fold gives', () => {
    // A lone combining mark at the end sends a name down the full fold (NFKD, marks dropped) without changing its
    // key, so the key of `name` (plain ASCII) must equal the key of `name + mark`.
    const mark = '\u0301';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).filter((c) => c !== '\\');
    const common = "abcXYZ09 .-,'";
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * 24);
      let name = '';
      for (let j = 0; j < length; j++) {
        const pool = random() < 0.7 ? common : ascii;
        name += pool[Math.floor(random() * pool.length)];
      }
      expect(authorKey(name), JSON.stringify(name)).toBe(authorKey(name + mark));
    }
    expect(authorKey("  J.-P. O'Neil (CERN) ")).toBe('j-p-o-neil-cern');
  });
});
