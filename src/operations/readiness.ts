// What /readyz checks before a load balancer sends this process traffic. Liveness (/healthz) is only "the
// process answers"; readiness also needs the store, the expected schema and a search index that is not far behind.
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';

export interface CheckResult {
  ok: boolean;
  message: string;
  [detail: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  checks: { store: CheckResult; migrations: CheckResult; searchIndex: CheckResult };
}

export async function checkReadiness(opts: {
  store: Store;
  search: SearchIndex;
  /** Store changes the index may be behind; 0 turns the check off. */
  maxIndexLag: number;
}): Promise<Readiness> {
  const health = await opts.store.health();
  const store: CheckResult = health.reachable
    ? { ok: true, message: `${opts.store.dialect} answers` }
    : { ok: false, message: `${opts.store.dialect} is unreachable: ${health.error ?? 'no answer'}` };
  const migrations: CheckResult = !health.reachable
    ? { ok: false, message: 'unknown: the store is unreachable' }
    : health.pendingMigrations.length === 0
      ? { ok: true, message: 'schema is current' }
      : {
          ok: false,
          message: `schema is behind by ${health.pendingMigrations.length} migration(s); run \`dailypapers migrate\``,
          pending: health.pendingMigrations,
        };
  const searchIndex = health.reachable
    ? await indexCheck(opts)
    : { ok: false, message: 'unknown: the store is unreachable' };
  return { ready: store.ok && migrations.ok && searchIndex.ok, checks: { store, migrations, searchIndex } };
}

async function indexCheck(opts: { store: Store; search: SearchIndex; maxIndexLag: number }): Promise<CheckResult> {
  const storeSeq = await opts.store.papers.maxChangeSeq();
  const indexSeq = opts.search.lastSeq();
  const lag = Math.max(0, storeSeq - indexSeq);
  // Progress as a share of the store's change sequence: what a first sync of a large store has done so far.
  const progress = storeSeq === 0 ? 1 : Math.min(1, indexSeq / storeSeq);
  const detail = { lag, maxLag: opts.maxIndexLag, indexSeq, storeSeq, progress: Math.floor(progress * 1000) / 1000 };
  if (opts.maxIndexLag === 0 || lag <= opts.maxIndexLag) {
    return { ok: true, message: lag === 0 ? 'up to date' : `${lag} change(s) behind`, ...detail };
  }
  return {
    ok: false,
    message: `index catching up: ${lag} store changes behind (more than ${opts.maxIndexLag}), ${(progress * 100).toFixed(1)} % indexed; it follows the store on its own and searches answer from what is indexed`,
    ...detail,
  };
}
