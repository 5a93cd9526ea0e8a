// The paper-id encoding of a piece (gaps, LEB128) gives back exactly the ids it was given.
import { describe, expect, it } from 'vitest';
import { decodeIds, encodeIds } from './impact-encode.js';

describe('paper ids of a piece', () => {
  it('round-trip: dense, sparse, the largest ids, one and none', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cases: number[][] = [[], [1], [2 ** 32 - 1], [1, 2, 3, 4], [5, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1]];
    for (const gap of [1, 3, 200, 20_000, 3_000_000]) {
      const ids: number[] = [];
      let id = 0;
      for (let i = 0; i < 1024 && id < 2 ** 32 - 1 - gap; i++) {
        id += 1 + Math.floor(random() * gap);
        ids.push(id);
      }
      cases.push(ids);
    }
    for (const ids of cases) {
      const blob = encodeIds(Uint32Array.from(ids));
      expect([...decodeIds(blob)]).toEqual(ids);
      // Unaligned, as a blob may come out of SQLite.
      const shifted = Buffer.alloc(blob.length + 1);
      blob.copy(shifted, 1);
      expect([...decodeIds(shifted.subarray(1))]).toEqual(ids);
    }
    // A common term's gaps take a byte each.
    expect(encodeIds(Uint32Array.from({ length: 1024 }, (_, i) => 1000 + i * 2)).length).toBeLessThan(1100);
  });
});
