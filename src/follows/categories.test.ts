import { describe, expect, it } from 'vitest';
import { canonicalCategory } from './categories.js';

describe('category follow keys', () => {
  it('writes categories in arXiv’s casing, whatever the reader typed', () => {
    expect(canonicalCategory('cs.lg')).toBe('cs.LG');
    expect(canonicalCategory('CS.LG')).toBe('cs.LG');
    expect(canonicalCategory('astro-ph.ga')).toBe('astro-ph.GA');
    expect(canonicalCategory('Cond-Mat.Mes-Hall')).toBe('cond-mat.mes-hall');
    expect(canonicalCategory('physics.Optics')).toBe('physics.optics');
    expect(canonicalCategory('HEP-TH')).toBe('hep-th');
  });

  it('refuses what cannot be a category', () => {
    for (const text of ['', 'c', 'cs.', 'cs LG', "cs.LG'--", 'cs.LG.x', '%.%'])
      expect(canonicalCategory(text)).toBeNull();
  });
});
