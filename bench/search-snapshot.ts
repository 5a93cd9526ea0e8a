// Builds keyword search indexes from the first N lines of an arXiv snapshot (Kaggle JSON Lines, e.g. the one
// bench/generate-snapshot.ts writes), through the production sync path, and keeps them for later runs:
// a file whose meta says it holds N papers is reused as it is.
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { codeUrlOf } from '../src/core/paper.js';
import { parseSnapshotLine } from '../src/ingest/snapshot/parse.js';
import { openSearchIndex, type SearchDocument, type SearchIndex, syncSearchIndex } from '../src/search/index.js';

/** The first `limit` papers of a snapshot as search documents (paperId = changeSeq = line number). */
export async function* snapshotDocuments({ file, limit }: { file: string; limit: number }) {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    if (n >= limit) break;
    n++;
    const paper = parseSnapshotLine({ line, lineNumber: n });
    const doc: SearchDocument = {
      paperId: n,
      arxivId: paper.arxivId,
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors.map((a) => a.name),
      categories: paper.categories,
      primaryCategory: paper.primaryCategory,
      publishedAt: paper.publishedAt,
      hasCode: codeUrlOf(paper) !== null,
      upvotes: 0,
      withdrawn: paper.withdrawn,
      changeSeq: n,
    };
    yield doc;
  }
  lines.close();
}

/** Opens `dir/search-<branch>-<docs>.db`, building it from the snapshot first unless a complete one is there. */
export async function snapshotIndex({
  snapshot,
  docs,
  dir,
  name,
}: {
  snapshot: string;
  docs: number;
  dir: string;
  name: string;
}): Promise<{ index: SearchIndex; file: string; built: boolean; buildMs: number }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `search-${name}-${docs}.db`);
  if (existsSync(file)) {
    const index = openSearchIndex({ path: file });
    if (index.lastSeq() >= docs) return { index, file, built: false, buildMs: 0 };
    index.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const index = openSearchIndex({ path: file });
  const started = performance.now();
  const source = snapshotDocuments({ file: snapshot, limit: docs })[Symbol.asyncIterator]();
  await syncSearchIndex({
    index,
    batchSize: 5000,
    fetchChanges: async (_after, limit) => {
      const batch: SearchDocument[] = [];
      while (batch.length < limit) {
        const next = await source.next();
        if (next.done) break;
        batch.push(next.value);
      }
      return batch;
    },
    onProgress: ({ lastSeq }) => {
      if (lastSeq % 100_000 === 0) process.stdout.write(`  ${path.basename(file)}: ${lastSeq.toLocaleString('en')}\n`);
    },
  });
  index.optimize();
  return { index, file, built: true, buildMs: performance.now() - started };
}

export const fileSize = (file: string) =>
  ['', '-wal'].reduce((sum, s) => sum + (statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0);
