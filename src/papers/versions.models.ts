// Version watch as the rest of the application sees it: the events a harvest detects and the texts of versions
// (docs/ingest.md "Versions"). Plain types; the store fills them, the use cases and the web read them.

export type PaperEventKind = 'new_version' | 'withdrawn';

/** A stored paper got a higher version, or was withdrawn; `seq` orders events for a fan-out that resumes after one. */
export interface PaperEvent {
  seq: number;
  paperId: number;
  arxivId: string;
  kind: PaperEventKind;
  version: number;
  detectedAt: string;
}

/** A version's title and abstract as this library saw them. */
export interface VersionText {
  version: number;
  title: string;
  abstract: string;
}

/** One row of a paper's version history. */
export interface VersionHistoryEntry {
  version: number;
  /** The version's submission date; null when the source gave only "updated" (the arXiv OAI format). */
  date: string | null;
  size: string | null;
  /** This is the latest version and it is a withdrawal notice. */
  withdrawn: boolean;
  /** The version number is a lower bound: the arXiv OAI format says only that the paper was updated. */
  atLeast: boolean;
  /** This library holds the version's title and abstract, so it can be compared. */
  textKnown: boolean;
}
