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
});
