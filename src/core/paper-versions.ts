// A version list every source must satisfy before a paper is stored: version watch compares version numbers
// (docs/ingest.md "Versions"), so a list that names a version twice or a "v0" would fake or hide a new version.
import type { PaperVersion } from './paper.js';

/** What is wrong with a version list sorted by number, or null. Cheap: the snapshot importer runs it per record. */
export function versionListProblem(sorted: readonly PaperVersion[]): string | null {
  for (let i = 0; i < sorted.length; i++) {
    const { version } = sorted[i]!;
    if (!Number.isSafeInteger(version) || version < 1) return `version v${version} is not a version number (v1, v2, …)`;
    if (i > 0 && sorted[i - 1]!.version === version) return `version v${version} is listed twice`;
  }
  return null;
}
