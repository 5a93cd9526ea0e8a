// When this process last wrote to the store. The page version (change-sequence.ts) may be read at most once per few
// milliseconds (web/page-version), but a write made by this process must show on its very next request; every
// write statement this process runs notes the time here, and a page version read before or during a write is
// not reused. A Kysely plugin sees every query the repositories build; the SQLite fast paths that bypass Kysely
// (the bulk paper upsert) call note() themselves.
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';

export interface LocalWrites {
  /** performance.now() when the last write statement of this process finished, or -Infinity before the first. */
  last(): number;
  /** Called after a write statement that bypasses Kysely. */
  note(): void;
  /** Notes every write statement run through the Kysely instance it is installed on. */
  readonly plugin: KyselyPlugin;
}

const READ_KINDS = new Set(['SelectQueryNode']);
const RAW_READ = /^\s*select\b/i;

/** Reads leave the clock alone; anything else (insert, update, delete, raw statements other than SELECT, DDL) notes it. */
function isWrite(node: RootOperationNode): boolean {
  if (READ_KINDS.has(node.kind)) return false;
  if (node.kind === 'RawNode') return !RAW_READ.test(node.sqlFragments[0] ?? '');
  return true;
}

export function createLocalWrites(): LocalWrites {
  let last = Number.NEGATIVE_INFINITY;
  const writes = new WeakSet<QueryId>();
  const note = () => {
    last = performance.now();
  };
  return {
    last: () => last,
    note,
    plugin: {
      transformQuery({ node, queryId }) {
        // Noted before too: a reader that starts during the statement must not take its version as settled.
        if (isWrite(node)) {
          writes.add(queryId);
          note();
        }
        return node;
      },
      async transformResult({ result, queryId }) {
        if (writes.has(queryId)) note();
        return result;
      },
    },
  };
}
