// Where tests find recorded real data. Two places, on purpose:
// - test/fixtures/: small, permissively licensed recordings copied into the repository (test/fixtures/PROVENANCE.md
//   names source, licence and cut of each), so a clone alone runs every test that is not an evaluation.
// - ../shared/data beside the checkout (or $DAILYPAPERS_SHARED_DATA): data the repository must not ship —
//   the non-commercial relevance benchmarks (SciFact CC BY-NC 2.0, CSFCube CC BY-NC 4.0) and recordings without a
//   stated licence. Only the evaluation tests and the benchmark-corpus tests read it, through `outsideData`; they
//   say so in a comment, and skip with that reason when it is absent — except in CI, where it is always there, so
//   a missing folder fails instead of passing unseen.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** A file or folder under test/fixtures (a trailing slash for a folder). */
export function fixtureUrl(relative: string): URL {
  return new URL(relative, FIXTURES);
}

export function fixturePath(relative: string): string {
  return fileURLToPath(fixtureUrl(relative));
}

const SHARED_DATA =
  process.env.DAILYPAPERS_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** A folder of ../shared/data, and whether the tests that need it run here. */
export function outsideData(folder: string): { path: string; missing: boolean; reason: string } {
  const dir = path.join(SHARED_DATA, folder);
  const missing = !existsSync(dir) && !process.env.CI;
  return { path: dir, missing, reason: `needs ${dir} (not shipped; see test/fixtures/PROVENANCE.md)` };
}
