// Version watch use cases (docs/ingest.md "Versions"): a paper's version history, the texts two versions can be
// compared by, and the events after a sequence number that a fan-out job (notifications) reads.
import type { Store } from '../store/store.js';
import type { StoredPaper } from './papers.models.js';
import { findPaper } from './papers.usecases.js';
import { versionInvalid, versionNotFound, versionTextUnknown } from './versions.errors.js';
import type { PaperEvent, VersionHistoryEntry, VersionText } from './versions.models.js';

/** The texts this library knows: the superseded ones it kept, and the paper's own (its latest version). */
async function knownTexts(store: Store, paper: StoredPaper): Promise<VersionText[]> {
  const kept = await store.paperVersions.texts(paper.id);
  return [
    ...kept.filter((t) => t.version < paper.version),
    { version: paper.version, title: paper.title, abstract: paper.abstract },
  ];
}

const MAX_LISTED_GAPS = 100;

/**
 * v1 … latest, with the dates the source gave. Sources differ: arXivRaw and the snapshot list every version; the
 * API names v1 and the latest; the arXiv OAI format only says "updated", so its latest is "v2 or later" (atLeast).
 */
export function versionHistory(paper: StoredPaper, textVersions: ReadonlySet<number>): VersionHistoryEntry[] {
  const listed = new Map(paper.versions.map((v) => [v.version, v]));
  const entries: VersionHistoryEntry[] = [];
  // Gaps (the API names only v1 and the latest) are listed without a date, up to a sane number of versions.
  const numbers =
    paper.version <= MAX_LISTED_GAPS
      ? Array.from({ length: paper.version }, (_, i) => i + 1)
      : [...new Set([...listed.keys(), paper.version])].sort((a, b) => a - b);
  for (const version of numbers) {
    const known = listed.get(version);
    const latest = version === paper.version;
    entries.push({
      version,
      date: known?.date ?? (latest ? paper.updatedAt : null),
      size: known?.size ?? null,
      withdrawn: latest && paper.withdrawn,
      atLeast: latest && !known,
      textKnown: textVersions.has(version),
    });
  }
  return entries;
}

export async function getVersionHistory(store: Store, paper: StoredPaper): Promise<VersionHistoryEntry[]> {
  const texts = await knownTexts(store, paper);
  return versionHistory(paper, new Set(texts.map((t) => t.version)));
}

/** "v3" → 3; anything else is refused (the route's schema already allows only this shape). */
export function parseVersionLabel(label: string): number {
  const match = /^v([1-9]\d{0,3})$/.exec(label.trim());
  if (!match) throw versionInvalid({ message: `"${label.slice(0, 20)}" is not a version (v1, v2, …).` });
  return Number(match[1]);
}

/**
 * The two texts to compare. Without `from`/`to`: the earliest known text against the latest. A version the paper
 * does not have is 404; one whose text this library never saw is 404 with that said (arXiv serves only the latest).
 */
export async function getVersionComparison(store: Store, q: { idText: string; from?: string; to?: string }) {
  const paper = await findPaper(store, q.idText);
  const texts = await knownTexts(store, paper);
  const history = versionHistory(paper, new Set(texts.map((t) => t.version)));
  const pick = (label: string | undefined, fallback: VersionText): VersionText => {
    if (label === undefined) return fallback;
    const version = parseVersionLabel(label);
    if (version > paper.version) {
      throw versionNotFound({ message: `arXiv:${paper.arxivId} has no v${version} here (latest: v${paper.version}).` });
    }
    const text = texts.find((t) => t.version === version);
    if (!text) {
      const known = texts.map((t) => `v${t.version}`).join(', ');
      throw versionTextUnknown({
        message: `This library never saw the text of v${version} of arXiv:${paper.arxivId} (arXiv serves only the latest text); it knows ${known}.`,
      });
    }
    return text;
  };
  const from = pick(q.from, texts[0]!);
  const to = pick(q.to, texts.at(-1)!);
  return { paper, history, from, to, knownVersions: texts.map((t) => t.version) };
}

export type VersionComparison = Awaited<ReturnType<typeof getVersionComparison>>;

/**
 * New-version and withdrawal events after `afterSeq`, oldest first, at most `limit`: a job fans them out and
 * remembers the last seq it handled. Events are recorded once per (paper, kind, version), whatever re-harvests do.
 */
export async function listPaperEventsAfter(
  store: Store,
  q: { afterSeq: number; limit?: number },
): Promise<PaperEvent[]> {
  return store.paperEvents.listAfter(q.afterSeq, Math.min(Math.max(q.limit ?? 500, 1), 5000));
}
