// The content hash is what lets a re-import say "unchanged" without writing: it must stay the hash earlier versions
// of this code stored, or every re-import of an existing store would rewrite every paper. The oracle is the former
// computation, one hash update per column, written out here.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import { paperToRow } from './papers.mapping.js';

// As before: every column of the row in order, content_hash included while it was still '' (so the digest ends in
// one more \u0001).
function hashAsStoredBefore(row: Record<string, unknown>): string {
  const hash = createHash('sha1');
  for (const value of Object.values({ ...row, content_hash: '' })) hash.update(`${value ?? '\u0000'}\u0001`);
  return hash.digest('base64url');
}

describe('paperToRow content hash', () => {
  it('is the hash earlier stores hold, for papers with and without optional fields and with non-ASCII text', () => {
    const papers = [
      makePaper(),
      makePaper({ comments: null, journalRef: null, doi: null, license: null, links: [] }),
      makePaper({ title: 'Frédéric Lagoutière — 𝔽ℓ𝕠𝕨 \u0001 test', withdrawn: true, authors: [{ name: 'Ø. Æsir' }] }),
    ];
    for (const paper of papers) {
      const row = paperToRow(paper);
      expect(row.content_hash).toBe(hashAsStoredBefore(row));
    }
    expect(new Set(papers.map((p) => paperToRow(p).content_hash)).size).toBe(3);
  });
});
